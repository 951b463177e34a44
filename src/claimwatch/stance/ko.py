"""Stance of Korean statements: certainty, condition, evidential basis, act and claim.

The same records and the same scales as the English stage (ICD 203 terms, the acts of
``stance.acts`` with their PLOVER codes, claim keys of ``stance.claims``), read from Korean
cues: 가능성이 높다 (very likely), 것으로 보인다 / 추정된다 (likely), 사실무근 (almost no chance);
사실이라면, -면 (conditions); 부인하다 -> denies, 비난하다 -> accuses, 주시하다 -> investigates.
A claim's actor and recipient resolve through the gazetteer in any script, so 북한의 러시아 파병
has the key of "North Korea is sending troops to Russia".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp.ko import Morpheme, Sentence, Word, korean_sentences
from claimwatch.records import Article, Assessment, Proposition, Statement
from claimwatch.stance.acts import plover_code
from claimwatch.stance.assess import POINTING_ACTS, claim_pointed_at
from claimwatch.stance.certainty import NOT_STATED, midpoint
from claimwatch.stance.claims import family_named, make_proposition
from claimwatch.statements.ko import bare_forms, extract_korean_statements

# (pattern, ICD 203 term, strength): explicit estimative words beat evidential verbs, which beat modals.
_HEDGES = (
    (r"사실무근|가짜\s*뉴스|날조|허위|거짓|터무니\s*없|근거\s*(?:가\s*)?없|새빨간", "almost no chance", 4),
    (r"가능성(?:은|이)?\s*(?:거의\s*)?없|가능성(?:은|이)?\s*(?:매우\s*)?희박", "very unlikely", 4),
    (r"확인(?:되|하)지\s*(?:않|못)|미확인", "roughly even chance", 4),
    (r"가능성(?:은|이)?\s*(?:매우|아주)?\s*낮", "unlikely", 3),
    (r"가능성(?:이|은)?\s*(?:매우|아주|상당히)?\s*(?:높|크)", "very likely", 3),
    (r"확실|틀림\s*없|분명|명백|확인(?:됐|되었|했)", "almost certain", 3),
    (r"것으로\s*(?:보인|보이|보고|추정|판단|파악|예상|분석|평가)|추정|추산|관측|예상|듯하|것\s*같|아마", "likely", 2),
    (r"가능성|수\s*(?:도\s*)?있(?!도록|게)|것으로\s*알려|이라는\s*설|설이", "roughly even chance", 1),
)
_CONDITION = re.compile(r"(?:[^\s,]+\s+){0,5}[^\s,]*(?:이라면|라면|다면|으면|면)(?=[\s,]|$)")
_NEGATED_END = re.compile(r"(?:않|아니|없|못)[가-힣]*[\s.\"”’]*$")
_EVIDENTIAL = (
    ("imagery", re.compile(r"위성\s*(?:사진|영상|이미지)|영상|사진")),
    ("documents", re.compile(r"문서|기록|감청|녹취")),
    ("intelligence", re.compile(r"정보\s*당국|정보기관|첩보|정보원|정보국|정보총국|정찰")),
    ("unnamed_officials", re.compile(r"소식통|익명|관계자")),
    ("media", re.compile(r"보도|언론|매체|외신")),
    ("observation", re.compile(r"목격")),
)
_DENY = {"부인하다", "일축하다", "반박하다", "부정하다", "거부하다", "반발하다"}
_DENIAL_WORDS = re.compile(
    r"사실무근|가짜\s*뉴스|날조|허위|거짓|터무니\s*없|근거\s*(?:가\s*)?없|사실이\s*아니|도발|모략|조작"
)
_RETRACT = {"철회하다", "번복하다", "정정하다"}
_ACCUSE = {"비난하다", "규탄하다", "비판하다", "고발하다", "지목하다", "질타하다", "성토하다"}
_ACCUSATION_WORDS = re.compile(r"침략|범죄|불법|위반|책임|전쟁범죄|공모|도발")
_CONFIRM = {"확인하다", "시인하다", "인정하다", "확인되다"}
_CONFIRMED_END = re.compile(r"확인(?:했|됐|되었|하였)다[\s.\"”’]*$")
_INVESTIGATE = re.compile(
    r"주시|모니터링|조사\s*(?:중|하고)|확인\s*(?:중|하고\s*있)|파악\s*(?:중|하고\s*있)|면밀히|추적|검증"
)
_CONCERN = re.compile(r"우려|걱정|유감|심각하게")
_CONCERN_CUES = {"표명하다", "표하다", "나타내다", "우려하다", "밝히다"}
_QUESTION = {"묻다", "반문하다", "질문하다", "의문을 제기하다"}
_THREAT = {"경고하다", "위협하다"}
_PLEDGE = re.compile(r"(?:지원|제공|도울|돕|지킬|보호|조치를\s*취)\S*\s*(?:것|겠)|모든\s*(?:필요한\s*)?조치")
_ASSESS = {
    "추정하다", "판단하다", "분석하다", "평가하다", "예상하다", "보다", "전망하다", "관측하다", "추산하다", "파악하다",
}
_REPORT = {"보도하다", "따르다", "인용하다", "보고하다"}
_MILITARY = re.compile(r"군|병력|파병|무기|미사일|전쟁|공격|침략|포탄|탄약|부대|파견")
OBJECT_WINDOW = 3
_POINTERS = re.compile(
    r"^(?:이를|이|그|이러한|이같은|이\s*같은|그러한|해당)?\s*(?:보도|주장|의혹|설|소식|발표|내용|것)?$"
)


@dataclass(frozen=True, slots=True)
class KoreanFamily:
    name: str
    events: frozenset[str]
    verbs: frozenset[str]
    objects: tuple[str, ...]


@lru_cache(maxsize=1)
def korean_families() -> tuple[KoreanFamily, ...]:
    data = tomllib.loads(resources.files("claimwatch.stance").joinpath("events_ko.toml").read_text("utf-8"))
    return tuple(
        KoreanFamily(item["name"], frozenset(item["events"]), frozenset(item["verbs"]), tuple(item["objects"]))
        for item in data["family"]
    )


def analyse(article: Article, gazetteer: Gazetteer) -> tuple[list[Statement], list[Assessment]]:
    """The Korean pipeline: statements, then their stance (``stance.languages`` registers it)."""
    sentences = korean_sentences(article.body)
    statements = extract_korean_statements(article, gazetteer, sentences)
    return statements, assess_korean(statements, sentences, gazetteer)


def assess_korean(statements: list[Statement], sentences: list[Sentence], gazetteer: Gazetteer) -> list[Assessment]:
    assessments: list[Assessment] = []
    recent: list[tuple[Proposition, str | None, str | None]] = []
    for statement in sorted(statements, key=lambda s: s.start):
        content = statement.content.text
        scope = f"{statement.cue.text if statement.cue else ''} {content}"
        term, words = read_korean_certainty(f"{content} {statement.cue.text if statement.cue else ''}")
        if statement.cue_lemma in _ASSESS and term == NOT_STATED:
            term, words = "likely", statement.cue.text if statement.cue else None
        negated = bool(_NEGATED_END.search(content.strip()))
        condition = _condition(content)
        act = korean_act(statement, term, negated)
        proposition = _proposition(statement, sentences, gazetteer)
        if proposition is None and (act in POINTING_ACTS or _is_pointer(content)):
            proposition = claim_pointed_at(recent, statement, gazetteer)
        elif proposition is not None:
            recent.append((proposition, statement.speaker.entity, statement.speaker.country))
        assessments.append(
            Assessment(
                statement_id=statement.id,
                polarity="negated" if act == "denies" or negated else "affirmed",
                certainty=term,
                probability=midpoint(term),
                certainty_cue=words,
                conditional=condition is not None,
                condition=condition,
                evidential=next((name for name, pattern in _EVIDENTIAL if pattern.search(scope)), None),
                act=act,
                plover=plover_code(act, military=bool(_MILITARY.search(content))),
                proposition=proposition,
                claim_key=proposition.key if proposition else None,
            )
        )
    return assessments


def read_korean_certainty(text: str) -> tuple[str, str | None]:
    """The ICD 203 term Korean words express, and the words; ("not stated", None) without a hedge."""
    best: tuple[int, int, str, str] | None = None
    for pattern, term, strength in _HEDGES:
        match = re.search(pattern, text)
        if match and (best is None or strength > best[0]):
            best = (strength, match.start(), term, match.group(0))
    return (best[2], best[3]) if best else (NOT_STATED, None)


def _condition(content: str) -> str | None:
    """ "사실이라면" (if true), "공격을 받으면" (if it comes under attack): the conditional clause."""
    match = _CONDITION.search(content)
    if match is None or match.end() >= len(content.rstrip(" .\"”")):
        return None  # a clause ending in -면 at the very end is no condition on the rest
    return match.group(0).strip()


def korean_act(statement: Statement, certainty: str, negated: bool) -> str:
    lemma = statement.cue_lemma or ""
    content = statement.content.text
    scope = f"{statement.cue.text if statement.cue else ''} {content}"
    if lemma in _DENY or (lemma not in _ACCUSE and _DENIAL_WORDS.search(content) and not _CONCERN.search(content)):
        return "denies"
    if lemma in _RETRACT:
        return "retracts"
    if lemma in _ACCUSE or (lemma == "주장하다" and _ACCUSATION_WORDS.search(content)):
        return "accuses"
    if (lemma in _CONFIRM or _CONFIRMED_END.search(content)) and not negated:
        return "confirms"
    if _INVESTIGATE.search(scope):
        return "investigates"
    if _CONCERN.search(scope) and (lemma in _CONCERN_CUES):
        return "expresses_concern"
    if lemma in _QUESTION or content.rstrip().endswith("?"):
        return "questions"
    if lemma in _THREAT:
        return "threatens"
    if _PLEDGE.search(content) and lemma not in _REPORT:
        return "pledges"
    if lemma in _ASSESS or certainty not in (NOT_STATED, "almost certain"):
        return "assesses"
    if lemma in _REPORT or statement.speaker.entity_type == "outlet":
        return "reports"
    return "asserts"


def _is_pointer(content: str) -> bool:
    return bool(_POINTERS.match(content.strip(" \"“”'.")))


# -- claims ---------------------------------------------------------------------------------------------
def _proposition(statement: Statement, sentences: list[Sentence], gazetteer: Gazetteer) -> Proposition | None:
    sentence = sentences[statement.sentence_index]
    span = statement.content
    words = [w for w in sentence.words if w.end > span.start and w.start < span.end]  # "케스트리아 opens a quote
    family, position = _family(words)
    if family is None:
        return None
    actor, recipient = _actor(words, gazetteer, position), _recipient(words, gazetteer)
    if actor is None:
        return None  # "someone is sending troops": no claim an analyst could track
    return make_proposition(family_named(family), actor, recipient if recipient != actor else None, gazetteer)


def _family(words: list[Word]) -> tuple[str | None, int]:
    """The event family named last in the content (the main predicate), with the position of its word.

    A verb counts with an object in its own word or the ``OBJECT_WINDOW`` words before it ("사람들을
    점령군에 보내고"); of two families at one word, the first listed wins.
    """
    best: tuple[int, str] | None = None
    for index, word in enumerate(words):
        nearby = [m.form for w in words[max(0, index - OBJECT_WINDOW) : index + 1] for m in w.morphemes]
        for morpheme in word.morphemes:
            for family in korean_families():
                hit = morpheme.form in family.events or (
                    morpheme.form in family.verbs
                    and any(f.endswith(family.objects) for f in nearby if f != morpheme.form)
                )
                if hit and (best is None or morpheme.start > best[0]):
                    best = (morpheme.start, family.name)
    return (best[1], best[0]) if best else (None, -1)


def _country(word: Word, gazetteer: Gazetteer) -> str | None:
    """The country (canonical name) a word names: 북한, 북한군, 평양, 크렘린궁, Pyongyang."""
    stem = word.stem()
    for form in (stem, *[m.form for m in word.morphemes if m.is_noun]):
        entity = gazetteer.entity(form, *bare_forms(form))
        if entity is not None and entity.country and entity.kind in ("country", "government"):
            country = gazetteer.country(entity.country)
            return country.name if country else entity.name
    return None


def _actor(words: list[Word], gazetteer: Gazetteer, event_at: int) -> str | None:
    """Who does it: a country in the subject or topic phrase nearest before the event (the subject of a
    condition comes earlier: "북한이 공격을 받으면 러시아가 지원할 것"), or just before it (북한의 파병)."""
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        marker = _particle(word)
        if word.start > event_at:
            continue
        if marker is not None and marker.tag in ("JKS", "JX"):
            for candidate in _phrase_before(words, index):
                found = _country(candidate, gazetteer)
                if found:
                    return found
    before = [w for w in words if w.end <= event_at]
    if before and (marker := _particle(before[-1])) is not None and marker.tag == "JKG":
        return _country(before[-1], gazetteer)
    for word in before:  # "북한군 1만 명" with no particle on the name
        if _particle(word) is None:
            found = _country(word, gazetteer)
            if found:
                return found
    return None


def _particle(word: Word) -> Morpheme | None:
    morphemes = [m for m in word.morphemes if not m.tag.startswith("S")]
    return morphemes[-1] if morphemes and morphemes[-1].tag.startswith("J") else None


def _phrase_before(words: list[Word], head: int) -> list[Word]:
    """The words of the noun phrase ending at ``head``, first to last: "케스트리아 병력 최대 2천 명의 첫 부대가"."""
    first = head
    while first > 0:
        marker = _particle(words[first - 1])
        verbal = any(m.tag.startswith(("VV", "VA", "XSV", "EF", "EC")) for m in words[first - 1].morphemes)
        if verbal or (marker is not None and marker.tag != "JKG"):
            break
        first -= 1
    return words[first : head + 1]


def _recipient(words: list[Word], gazetteer: Gazetteer) -> str | None:
    """To whom: a country marked 에/에게/로 (러시아에), or helped (러시아를 돕기 위해)."""
    for index, word in enumerate(words):
        marker = _particle(word)
        if marker is None:
            continue
        helped = marker.tag == "JKO" and index + 1 < len(words) and words[index + 1].stem().startswith(
            ("돕", "지원", "도와")
        )
        if (marker.tag.startswith("JKB") and marker.form in ("에", "에게", "로", "으로")) or helped:
            found = _country(word, gazetteer)
            if found:
                return found
    return None


__all__ = ["analyse", "assess_korean", "korean_act", "korean_families", "read_korean_certainty"]
