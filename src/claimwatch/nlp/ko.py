"""Korean morphology: Kiwi (kiwipiepy, its model inside the package; nothing downloaded).

Sentences of an article body with their morphemes (form, part-of-speech tag in the Sejong
tag set, character offsets into the body) and the space-separated words (eojeol) they form:
the Korean attribution rules read particles (은/는 topic, 이/가 subject, 라고/고 quotative)
at the end of a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kiwipiepy import Kiwi


@dataclass(frozen=True, slots=True)
class Morpheme:
    form: str
    tag: str  # NNP proper noun, NNG noun, VV verb, XSV verb suffix (파병+하다), JX topic, JKQ quotative ...
    start: int  # character offsets in the article body
    end: int

    @property
    def is_noun(self) -> bool:
        return self.tag in ("NNP", "NNG", "NNB", "NR", "NP", "SL", "SH", "XR")


@dataclass(frozen=True, slots=True)
class Word:
    """An eojeol: the morphemes between two spaces ("대변인은" = 대변인 + 은)."""

    morphemes: tuple[Morpheme, ...]
    text: str

    @property
    def start(self) -> int:
        return self.morphemes[0].start

    @property
    def end(self) -> int:
        return self.morphemes[-1].end

    @property
    def last(self) -> Morpheme:
        return self.morphemes[-1]

    def stem(self) -> str:
        """The word without its trailing particles and punctuation: "대변인은" -> "대변인"."""
        kept = list(self.morphemes)
        while len(kept) > 1 and (kept[-1].tag.startswith("J") or kept[-1].tag.startswith("S")):
            kept.pop()
        return self.text[: kept[-1].end - self.start].strip("\"'“”‘’«»()[],")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    morphemes: tuple[Morpheme, ...]
    words: tuple[Word, ...]


@lru_cache(maxsize=1)
def load_kiwi() -> Kiwi:
    """The Kiwi analyser, loaded once per process (about 2 s; each Dask worker loads its own)."""
    return Kiwi()


def korean_sentences(body: str) -> list[Sentence]:
    """Sentences of each paragraph (a sentence never runs across a line break), in order."""
    kiwi = load_kiwi()
    sentences: list[Sentence] = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            for found in kiwi.split_into_sents(line, return_tokens=True):
                morphemes = tuple(
                    Morpheme(t.form, t.tag, offset + t.start, offset + t.end) for t in found.tokens
                )
                start, end = offset + found.start, offset + found.end
                sentences.append(Sentence(start, end, body[start:end], morphemes, _words(body, morphemes)))
        offset += len(line) + 1
    return sentences


def _words(body: str, morphemes: tuple[Morpheme, ...]) -> tuple[Word, ...]:
    words: list[list[Morpheme]] = []
    for morpheme in morphemes:
        # Morphemes of one word touch; contracted ones share characters (했 = 하 + 었).
        if words and morpheme.start <= words[-1][-1].end:
            words[-1].append(morpheme)
        else:
            words.append([morpheme])
    return tuple(Word(tuple(w), body[w[0].start : w[-1].end]) for w in words)


# -- names -------------------------------------------------------------------------------------------------
# Korean surnames (one syllable), and the words around a name that say what it names.
_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진지엄채원천방공현함변염"
    "여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부"
)
_PERSON_AFTER = (
    "씨", "대표", "의원", "장관", "차관", "회장", "감독", "선수", "대통령", "위원장", "기자", "교수", "총리",
    "대변인", "사장", "부회장", "전무", "상무", "이사", "원장", "청장", "총장", "시장", "지사", "군수",
    "구청장", "후보", "변호사", "검사", "판사", "박사", "작가", "배우", "가수", "코치", "대사", "국장", "실장",
    "모", "양", "군",
)
_ORG_SUFFIXES = (
    "부", "청", "처", "원", "위원회", "당", "회사", "그룹", "은행", "대학교", "대학", "협회", "연합", "공사",
    "공단", "재단", "센터", "연구소", "병원", "방송", "일보", "신문", "통신", "뉴스", "전자", "자동차", "증권",
    "구단", "법원", "검찰청", "경찰청", "경찰서", "학교", "본부", "사령부", "기구", "연맹", "조합", "클럽",
    "팀", "기업", "홀딩스", "보험", "카드", "생명", "항공", "건설", "제약", "화학", "텔레콤",
)
_PLACE_SUFFIXES = (
    "시", "도", "군", "구", "동", "읍", "면", "리", "산", "강", "섬", "역", "공항", "항", "만", "반도", "해협",
    "광장", "공원", "대로", "거리", "지역", "주",
)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    kind: str  # "PS" person, "OG" organisation, "LC" location (KLUE's tags)
    text: str


def korean_names(text: str, gazetteer) -> list[Name]:
    """Names of a Korean text: runs of proper nouns (NNP) and foreign words, typed by the gazetteer,
    by the noun that follows them (a title: person; 그룹, 대학교: organisation; 시, 공항: location) and
    by the shape of a Korean personal name. ``gazetteer`` is a ``claimwatch.gazetteer.Gazetteer``."""
    tokens = load_kiwi().tokenize(text)
    names: list[Name] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.tag == "NNG" and is_institution(token.form):
            names.append(Name(token.start, token.end, "OG", token.form))
        if not _starts_name(token):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _starts_name(tokens[j]) and tokens[j].start - tokens[j - 1].end <= 1:
            j += 1
        start, end = tokens[i].start, tokens[j - 1].end
        following = tokens[j] if j < len(tokens) else None
        kind = None
        if following is not None and following.start == end and following.tag in ("NNG", "XSN"):
            if following.form.endswith(_ORG_SUFFIXES):
                kind, end = "OG", following.end
            elif following.form in _PLACE_SUFFIXES:
                kind, end = "LC", following.end
        kind = kind or _kind_of(text[start:end], following, gazetteer)
        if kind:
            names.append(Name(start, end, kind, text[start:end]))
        i = j
    return names


def _starts_name(token) -> bool:
    if token.tag == "SL":
        return token.form.isupper() and len(token.form) > 1
    return token.tag == "NNP" and bool(re.fullmatch(r"[가-힣]+", token.form))


def _kind_of(name: str, following, gazetteer) -> str | None:
    after = following.form if following is not None else ""
    if len(name) == 1:  # "김모씨", "박 씨": a surname alone
        surname = name in _SURNAMES and after.startswith(("씨", "모", "전", "의원", "대표", "장관", "회장"))
        return "PS" if surname else None
    if name.isascii():  # "MBC", "IS": acronyms of organisations, not ISO codes
        return "OG"
    entity = gazetteer.entity(name)
    if entity is not None:
        return {"person": "PS", "country": "LC"}.get(entity.kind, "OG")
    if gazetteer.country_code(name) or gazetteer.place(name):
        return "LC"
    if after.startswith(_PERSON_AFTER):
        return "PS"
    if len(name) >= 3 and name.endswith((*_ORG_SUFFIXES, "대", "외대")):
        return "OG"
    if 2 <= len(name) <= 4 and name[0] in _SURNAMES and " " not in name:
        return "PS"
    return DEFAULT_KIND


def is_institution(noun: str) -> bool:
    """Common nouns that name one institution: 경찰, 검찰, 국방부, 기상청, 대법원, 북한군."""
    endings = ("부", "청", "처", "법원", "위원회", "당국", "군")
    return noun in _INSTITUTIONS or (len(noun) >= 3 and noun.endswith(endings))


DEFAULT_KIND = "PS"
_INSTITUTIONS = {
    "경찰", "검찰", "정부", "국회", "법원", "청와대", "여당", "야당", "해경", "국정원", "국방부", "외교부", "통일부",
    "합참", "대법원", "헌법재판소", "경찰청", "검찰청", "국세청", "기재부", "교육부", "국토부", "금융위", "금감원",
    "육군", "해군", "공군", "미군", "선관위", "대검",
}
