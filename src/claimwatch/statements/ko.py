"""Korean statements: who said what, read from particles and quotative endings.

Korean marks reported speech in the words themselves: a quotation or a clause ending in
다/라 takes a quotative particle or ending (``"..."라고``, ``...했다고``, ``...라며``) and a
verb of saying follows (밝혔다, 말했다, 부인했다, 주장했다). The speaker is the topic or
subject phrase (은/는, 이/가), usually before the content, sometimes after it
(``"..."라고 그는 말했다``); a sentence without one continues the previous speaker.
``X에 따르면`` (according to X) attributes the rest of the sentence to X; a final verb that is
itself an act (``파병설을 부인했다``) is a reported act on its object. Names resolve through
the gazetteer in any spelling (``페스코프`` -> Dmitry Peskov), so a voice is the same entity
as in an English report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from claimwatch.gazetteer import Entity, Gazetteer
from claimwatch.nlp.ko import Morpheme, Sentence, Word, is_institution, korean_sentences
from claimwatch.records import Article, SaidOn, Speaker, Statement
from claimwatch.records import Span as TextSpan
from claimwatch.statements.extract import (
    home_country,
    inherit_dates,
    link_nested,
    reference_day,
    statement_id,
)
from claimwatch.statements.when import publication_day

# Quotative endings after a clause: 했다고, 있다며, 아니라고, 것이라면서 (the particle forms are tagged JKQ).
_QUOTATIVE_ENDING = re.compile(r"^(?:[ᆫ는]?다|라|냐|자|이라)(?:고|며|면서)$")
_QUOTES_OPEN = {'"', "“", "'", "‘", "「", "『", "«"}
_QUOTES_CLOSE = {'"', "”", "'", "’", "」", "』", "»"}
# Hearsay without a speaker ("...다고 알려졌다": it is reported): no statement.
_SPEAKERLESS = {"알려지다", "전해지다", "보도되다", "밝혀지다", "관측되다", "전망되다"}
# Final verbs that are acts in themselves: "러시아는 파병설을 부인했다".
REPORTED_ACT_VERBS = {
    "부인하다", "일축하다", "반박하다", "부정하다", "비난하다", "규탄하다", "비판하다", "확인하다", "시인하다",
    "인정하다", "경고하다", "우려하다", "철회하다", "주장하다", "고발하다", "조사하다", "주시하다",
}
_SAID_THIS = {"이같이", "이렇게", "이처럼", "이와같이"}  # "...". X는 이같이 말했다: the quote before is X's
_DATE_WORDS = {
    "이날", "오늘", "어제", "그제", "그저께", "지난", "최근", "앞서", "이어", "또", "또한", "특히", "한편", "이에",
    "반면", "다만", "그러나", "하지만", "이후", "당시", "현재",
}
_TIME_WORDS = r"(?:\d{1,4}[년월일시분]|[월화수목금토일]요일|지난주|이번주|지난달|주말|오전|오후|새벽)+"
_ADVERBIAL_PARTICLES = {"에서", "에게", "에", "께", "한테", "와", "과", "로", "으로", "에게서", "서", "께서는"}
ROLE_NOUNS = (
    "대변인", "장관", "차관", "대통령", "총리", "의원", "위원장", "위원", "대사", "국장", "실장", "차장", "원장",
    "청장", "총장", "사령관", "참모총장", "본부장", "수석", "보좌관", "대표", "비서관", "외무상", "국방상",
    "지도자", "주석", "부장", "단장", "국무위원장", "공보관", "대령", "장군", "중장", "소장", "부상", "연구원",
    "교수", "기자",
)
GROUP_NOUNS = ("관계자", "당국자", "소식통", "전문가", "분석가", "관리", "당국", "정부", "군", "관료", "외교관")
_ORG_ENDINGS = (
    "부", "처", "청", "원", "위원회", "본부", "궁", "국", "실", "청사", "통신", "연구소", "사령부", "당", "군", "회의",
)
_PRONOUNS = {"그": "person", "그녀": "person", "그들": "group", "이들": "group", "저": "person", "우리": "group"}


@dataclass(frozen=True, slots=True)
class _Found:
    """One attribution before its speaker is resolved."""

    sentence_index: int
    speaker_words: tuple[Word, ...]  # empty: the previous speaker goes on
    cue: TextSpan
    cue_lemma: str
    content: TextSpan
    kind: str


def extract_korean_statements(
    article: Article, gazetteer: Gazetteer, sentences: list[Sentence] | None = None
) -> list[Statement]:
    sentences = sentences if sentences is not None else korean_sentences(article.body)
    speakers = KoreanSpeakers(gazetteer, home_country(article, gazetteer), article.outlet)
    reference = reference_day(article)
    body_start = len(article.dateline_text or "")
    statements: list[Statement] = []
    for index, sentence in enumerate(sentences):
        previous = sentences[index - 1] if index else None
        for found in _attributions(index, sentence, previous, article.body):
            if found.content.start < body_start or not found.content.text.strip():
                continue
            speaker = speakers.resolve(found.speaker_words, article.body, statements)
            edges = [found.content.start, found.content.end, found.cue.start, found.cue.end]
            if speaker.mention:
                edges += [speaker.mention.start, speaker.mention.end]
            statements.append(
                Statement(
                    id=statement_id(article.id, found.cue.start, found.content.start),
                    article_id=article.id,
                    sentence_index=index,
                    start=min(edges),
                    end=max(edges),
                    speaker=speaker,
                    cue=found.cue,
                    cue_lemma=found.cue_lemma,
                    content=found.content,
                    kind=found.kind,
                    said_on=_said_on(sentence, found, reference) if reference else None,
                )
            )
    return link_nested(inherit_dates(statements))


# -- finding attributions ---------------------------------------------------------------------------
def _attributions(index: int, sentence: Sentence, previous: Sentence | None, body: str) -> list[_Found]:
    found = [f for marker in _markers(sentence) if (f := _quotative(index, sentence, marker, body))]
    if not found:
        found = [f for f in (_according_to(index, sentence, body), _said_this(index, sentence, previous, body)) if f]
    if not found and (act := _reported_act(index, sentence, body)):
        found = [act]
    return found


def _markers(sentence: Sentence) -> list[int]:
    """Positions of quotative particles and endings (a quotation inside another is linked to it later)."""
    return [i for i in range(len(sentence.morphemes)) if _is_marker(sentence.morphemes, i)]


def _is_marker(morphemes: tuple[Morpheme, ...], i: int) -> bool:
    """라고/고 particles, 다고/라며 endings, and 며/면서 right after a quotation (``"..."며``)."""
    morpheme = morphemes[i]
    if morpheme.tag == "JKQ" or (morpheme.tag == "EC" and _QUOTATIVE_ENDING.match(morpheme.form)):
        return True
    return morpheme.tag == "EC" and morpheme.form in ("며", "면서") and i > 0 and morphemes[i - 1].form in _QUOTES_CLOSE


def _verb_after(sentence: Sentence, start: int) -> tuple[int, str] | None:
    """The first verb after a quotative marker and its lemma ("부인" + "하" -> 부인하다).

    Words inside a quotation that follows are not the verb; after 며/라며 ("saying ... and") the next
    quotation shares the verb of saying: ``"..."며 "..."고 주장했다``.
    """
    morphemes = sentence.morphemes
    sharing = start >= 0 and morphemes[start].form.endswith(("며", "면서"))
    depth = 0
    for i in range(start + 1, len(morphemes)):
        morpheme = morphemes[i]
        depth += (morpheme.tag == "SSO") - (morpheme.tag == "SSC")
        if depth > 0 or morpheme.tag in ("SSO", "SSC"):
            continue
        if _is_marker(morphemes, i):
            if sharing:
                continue
            return None  # another quotation begins before any verb
        if morpheme.tag.startswith("VV"):
            return i, f"{morpheme.form}다"
        if morpheme.tag.startswith("XSV") and i and morphemes[i - 1].tag in ("NNG", "XR"):
            return i - 1, f"{morphemes[i - 1].form}{morpheme.form}다"
    return None


def _word_index(sentence: Sentence, position: int) -> int:
    return next(i for i, w in enumerate(sentence.words) if w.start <= position < max(w.end, w.start + 1))


def _cue_span(word: Word, start: int, body: str) -> TextSpan:
    """The verb as written, without final punctuation: "부인했다"."""
    end = max(m.end for m in word.morphemes if not m.tag.startswith("S")) if any(
        not m.tag.startswith("S") for m in word.morphemes
    ) else word.end
    return TextSpan(start, end, body[start:end])


def _quotative(index: int, sentence: Sentence, marker: int, body: str) -> _Found | None:
    verb = _verb_after(sentence, marker)
    if verb is None:
        return None
    verb_position, lemma = verb
    if lemma in _SPEAKERLESS:
        return None
    morphemes = sentence.morphemes
    marker_morpheme = morphemes[marker]
    verb_word = _word_index(sentence, morphemes[verb_position].start)
    marker_word = _word_index(sentence, marker_morpheme.start)
    cue = _cue_span(sentence.words[verb_word], morphemes[verb_position].start, body)
    quote = _quote_before(sentence, marker)
    after = _speaker_between(sentence, marker_word, verb_word)
    if quote is not None:
        content = quote
        before = _speaker_before(sentence, _word_index(sentence, content.start - 1), nearest=_is_reported(
            sentence, verb_position))
        kind = "direct"
    else:
        before = _speaker_before(sentence, marker_word, indirect=True)
        start_word = _content_start(sentence, (before[-1] + 1) if before and not after else 0, marker_word)
        end = _content_end(marker_morpheme)
        start = sentence.words[start_word].start
        content = TextSpan(start, end, body[start:end])
        kind = "mixed" if any(ch in body[start:end] for ch in _QUOTES_OPEN | _QUOTES_CLOSE) else "indirect"
    words = after or before
    return _Found(index, tuple(sentence.words[i] for i in words), cue, lemma, content, kind)


def _content_end(marker: Morpheme) -> int:
    """A clause's content ends before the quotative suffix: "결정했다고" -> "결정했다"."""
    if marker.tag == "JKQ":
        return marker.start
    suffix = re.search(r"(?:고|며|면서)$", marker.form)
    return marker.end - len(suffix.group(0)) if suffix else marker.end


def _quote_before(sentence: Sentence, marker: int) -> TextSpan | None:
    """The quotation right before a quotative particle: ``"..."라고``."""
    morphemes = sentence.morphemes
    if marker and morphemes[marker - 1].tag == "VCP":
        marker -= 1  # "..."이라며: the copula between quotation and ending
    if marker == 0 or morphemes[marker - 1].form not in _QUOTES_CLOSE:
        return None
    close = morphemes[marker - 1]
    for i in range(marker - 2, -1, -1):
        if morphemes[i].form in _QUOTES_OPEN and morphemes[i].tag in ("SSO", "SW", "SS"):
            start, end = morphemes[i].end, close.start
            text = sentence.text[start - sentence.start : end - sentence.start]
            return TextSpan(start, end, text) if text.strip() else None
    return None


def _is_subject(word: Word) -> bool:
    """A topic or subject phrase: 은/는/도 or 이/가/께서 right after a noun."""
    morphemes = [m for m in word.morphemes if not m.tag.startswith("S")]
    if len(morphemes) < 2:
        return False
    particle, noun = morphemes[-1], morphemes[-2]
    if not noun.is_noun or noun.tag == "NNB" or _is_date_word(word):
        return False  # "것은", "수가": bound nouns are no speakers
    return (particle.tag == "JX" and particle.form in ("은", "는", "도")) or (
        particle.tag == "JKS" and particle.form in ("이", "가", "께서")
    )


def _noun_phrase(sentence: Sentence, head: int) -> list[int]:
    """The words of the phrase ending at ``head``: bare nouns before it belong to it ("크렘린궁 ... 대변인은")."""
    words = [head]
    for i in range(head - 1, -1, -1):
        morphemes = [m for m in sentence.words[i].morphemes if not m.tag.startswith("S")]
        bare = _is_bare(sentence.words[i])
        possessive = morphemes and morphemes[-1].tag == "JKG" and all(m.is_noun for m in morphemes[:-1])
        if not (bare or possessive) or _is_date_word(sentence.words[i]) or sentence.words[i].text.endswith(","):
            break
        words.insert(0, i)
    return words


def _speaker_between(sentence: Sentence, marker_word: int, verb_word: int) -> list[int]:
    """A speaker after the content: ``"..."라고 국방부는 밝혔다``."""
    for i in range(marker_word + 1, verb_word):
        if _is_subject(sentence.words[i]):
            return _noun_phrase(sentence, i)
    return []


def _is_reported(sentence: Sentence, verb_position: int) -> bool:
    """The verb of saying is itself reported (``"..."라고 지시했다고 밝혔다``): its speaker is the nearest subject."""
    return any(_is_marker(sentence.morphemes, i) for i in range(verb_position + 1, len(sentence.morphemes)))


def _speaker_before(sentence: Sentence, limit: int, *, indirect: bool = False, nearest: bool = False) -> list[int]:
    """The topic phrase before the content; else a subject (of two, the first: the second is the content's own).

    Empty when the sentence has no speaker of its own: the previous one goes on. ``nearest``: the last
    subject before the content (a quotation inside another's report).
    """
    words = sentence.words[:limit]
    inside = _inside_quotes(sentence)
    if nearest:
        subjects = [i for i, w in enumerate(words) if _is_subject(w) and i not in inside]
        return _noun_phrase(sentence, subjects[-1]) if subjects else []
    topics = [i for i, w in enumerate(words) if _is_subject(w) and w.last.tag != "JKS" and i not in inside]
    if not topics:
        topics = [
            i for i, w in enumerate(words)
            if _is_subject(w) and i not in inside and (w.last.form == "께서" or not indirect)
        ]
        subjects = [i for i, w in enumerate(words) if _is_subject(w) and i not in inside]
        if indirect and len(subjects) >= 2:
            topics = subjects
    return _noun_phrase(sentence, topics[0]) if topics else []


def _inside_quotes(sentence: Sentence) -> set[int]:
    inside: set[int] = set()
    depth = 0
    for i, word in enumerate(sentence.words):
        opens = sum(m.tag == "SSO" for m in word.morphemes)
        closes = sum(m.tag == "SSC" for m in word.morphemes)
        if depth or opens:
            inside.add(i)
        depth = max(0, depth + opens - closes)
    return inside


def _is_date_word(word: Word) -> bool:
    text = word.stem()
    return (
        text in _DATE_WORDS
        or bool(re.fullmatch(_TIME_WORDS, text))
        or bool(re.fullmatch(r"\d{1,2}일(?:께|쯤|경)?", text))
    )


def _content_start(sentence: Sentence, first: int, limit: int) -> int:
    """The first word of an indirect content: after the speaker, skipping time, place and addressee phrases."""
    i = first
    while i < limit:
        if _is_date_word(sentence.words[i]):
            i += 1
            continue
        phrase_end = i
        while phrase_end < limit and _is_bare(sentence.words[phrase_end]):
            phrase_end += 1  # bare nouns go with the word that ends their phrase
        if phrase_end >= limit or not _is_adverbial(sentence.words[phrase_end]):
            return i
        i = phrase_end + 1
    return min(first, limit)


def _is_bare(word: Word) -> bool:
    """A word of nouns alone (Kiwi may read a syllable of an unknown name as an adverb: 임/채/원)."""
    morphemes = [m for m in word.morphemes if not m.tag.startswith("S") or m.tag == "SN"]
    return (
        bool(morphemes)
        and morphemes[-1].is_noun
        and all(m.is_noun or m.tag in ("XSN", "XPN", "SN", "MM", "MAG") for m in morphemes)
        and not word.text.endswith(",")
    )


def _is_adverbial(word: Word) -> bool:
    morphemes = [m for m in word.morphemes if not m.tag.startswith("S")]
    if not morphemes:
        return True
    last = morphemes[-1]
    if _is_date_word(word) or last.tag in ("MAG", "MAJ") or word.text.endswith(","):
        return True
    if last.tag == "JX" and len(morphemes) >= 2 and morphemes[-2].tag.startswith("JKB"):
        return True  # "이에 대해서는"
    if last.tag.startswith("JKB") and last.form in _ADVERBIAL_PARTICLES:
        return True
    return word.stem() in ("대해", "관련해", "대해서")


def _according_to(index: int, sentence: Sentence, body: str) -> _Found | None:
    """``X에 따르면 ...``: the rest of the sentence is X's."""
    for i, word in enumerate(sentence.words):
        if word.stem().startswith("따르면") or word.text.rstrip(",") == "따르면":
            if i == 0:
                return None
            source = _noun_phrase(sentence, i - 1)
            start_word = _content_start(sentence, i + 1, len(sentence.words))
            if start_word >= len(sentence.words):
                return None
            start = sentence.words[start_word].start
            end = _sentence_end(sentence)
            cue = TextSpan(word.start, word.start + 3, body[word.start : word.start + 3])
            return _Found(index, tuple(sentence.words[j] for j in source), cue, "따르다",
                          TextSpan(start, end, body[start:end]), "indirect")
    return None


def _sentence_end(sentence: Sentence) -> int:
    """Where the sentence's words end, before its final full stop."""
    morphemes = [m for m in sentence.morphemes if m.tag != "SF"]
    return morphemes[-1].end if morphemes else sentence.end


def _said_this(index: int, sentence: Sentence, previous: Sentence | None, body: str) -> _Found | None:
    """``"...". X는 이같이 말했다``: the quotation before is X's."""
    if previous is None or previous.text.strip()[:1] not in _QUOTES_OPEN:
        return None
    for i, word in enumerate(sentence.words):
        if word.stem() in _SAID_THIS:
            verb = _verb_after(sentence, sentence.morphemes.index(word.morphemes[-1]))
            if verb is None:
                return None
            position, lemma = verb
            quoted = re.search(r"^\s*[\"“'‘](.+?)[\"”'’]?\s*\.?\s*$", previous.text)
            if quoted is None:
                return None
            start, end = previous.start + quoted.start(1), previous.start + quoted.end(1)
            cue = _cue_span(sentence.words[_word_index(sentence, sentence.morphemes[position].start)],
                            sentence.morphemes[position].start, body)
            speaker = _speaker_before(sentence, i)
            return _Found(index, tuple(sentence.words[j] for j in speaker), cue, lemma,
                          TextSpan(start, end, body[start:end]), "direct")
    return None


def _reported_act(index: int, sentence: Sentence, body: str) -> _Found | None:
    """``러시아는 파병설을 부인했다``: the object of a final act verb is the content."""
    final = [m for m in sentence.morphemes if m.tag.startswith("VV") or m.tag.startswith("XSV")]
    if not final:
        return None
    position = sentence.morphemes.index(final[-1])
    verb = _verb_after(sentence, position - 1 if final[-1].tag.startswith("VV") else position - 2)
    if verb is None or verb[1] not in REPORTED_ACT_VERBS:
        return None
    verb_position, lemma = verb
    verb_word = _word_index(sentence, sentence.morphemes[verb_position].start)
    speaker = _speaker_before(sentence, verb_word)
    objects = [i for i in range(verb_word) if sentence.words[i].last.tag == "JKO" and (not speaker or i > speaker[-1])]
    if not speaker or not objects:
        return None
    first = _content_start(sentence, speaker[-1] + 1, objects[-1])
    start = sentence.words[first].start
    object_word = sentence.words[objects[-1]]
    end = object_word.start + len(object_word.stem())
    cue = _cue_span(sentence.words[verb_word], sentence.morphemes[verb_position].start, body)
    return _Found(index, tuple(sentence.words[j] for j in speaker), cue, lemma,
                  TextSpan(start, end, body[start:end]), "reported_act")


# -- speakers ---------------------------------------------------------------------------------------------
@dataclass
class _Known:
    name: str
    kind: str
    role: str | None
    country: str | None
    written: str | None
    mention: TextSpan | None


class KoreanSpeakers:
    """Resolves speaker phrases of one article, in reading order."""

    def __init__(self, gazetteer: Gazetteer, home_country: str | None, outlet: str | None) -> None:
        self.gazetteer = gazetteer
        self.home_country = home_country
        self.outlet = outlet
        self.spoken: list[_Known] = []

    def resolve(self, words: tuple[Word, ...], body: str, earlier: list[Statement]) -> Speaker:
        if not words:  # no subject: the previous speaker goes on
            if earlier:
                last = earlier[-1].speaker
                return replace(last, resolved_from=last.mention, mention=None, written_name=None)
            return Speaker(None, self.outlet, "outlet")
        start, end = words[0].start, words[-1].start + len(words[-1].stem())
        mention = TextSpan(start, end, body[start:end])
        known, resolved_from = self._known(words, mention)
        if known.kind in ("person", "organization", "government", "country"):
            self.spoken.append(known)
        return Speaker(
            mention=mention,
            entity=known.name,
            entity_type=known.kind,
            role=known.role,
            affiliation=None,
            country=known.country,
            resolved_from=resolved_from,
            written_name=known.written if resolved_from is None else None,
        )

    def _known(self, words: tuple[Word, ...], mention: TextSpan) -> tuple[_Known, TextSpan | None]:
        stems = [w.stem() for w in words]
        nouns = [m for w in words for m in w.morphemes if m.is_noun]
        if len(words) == 1 and nouns and nouns[0].tag == "NP":
            return self._pronoun(_PRONOUNS.get(nouns[0].form, "group"), mention)
        named = self._named(stems)
        roles = [s for s in stems if s.endswith(ROLE_NOUNS)]
        if named is not None and named[0].kind == "person":
            entity, written = named
            role = " ".join(s for s in stems if s not in written.split() and not self._is_country(s)) or None
            return _Known(entity.name, "person", role if role and role.endswith(ROLE_NOUNS) else entity.role,
                          entity.country, written, mention), None
        person = self._unknown_person(words, stems, roles, mention)
        if person is not None:
            return person
        if roles and named is None and len(stems) <= 2:
            described = self._described(stems)  # "장관은", "김 장관은": the one named before
            if described is not None:
                return described, described.mention
        if named is not None and not (roles and stems[-1].endswith(GROUP_NOUNS)):
            entity, written = named
            return _Known(entity.name, entity.kind if entity.kind != "outlet" else "organization",
                          None, entity.country, written, mention), None
        country = next((c for s in stems if (c := self._country_code(s))), None)
        if is_institution(stems[-1]):  # 검찰, 경찰, 통일부
            return _Known(mention.text, "organization", None, country or self.home_country, mention.text, mention), None
        if stems[-1].endswith(GROUP_NOUNS) or stems[-1].endswith(ROLE_NOUNS):
            return _Known(mention.text, "group", None, country, None, mention), None
        if all(_is_name(w, s) for w, s in zip(words, stems, strict=True)):  # a name alone: "장이머우는"
            return _Known(mention.text, "person", None, country, mention.text, mention), None
        if stems[-1].endswith(_ORG_ENDINGS):
            return _Known(mention.text, "organization", None, country or self.home_country, mention.text, mention), None
        return _Known(mention.text, "group", None, country, None, mention), None

    def _named(self, stems: list[str]) -> tuple[Entity, str] | None:
        """The gazetteer entity the phrase names, a person first: the longest run of words that is known."""
        found: list[tuple[int, int, Entity, str]] = []
        for size in range(len(stems), 0, -1):
            for first in range(len(stems) - size + 1):
                text = " ".join(stems[first : first + size])
                entity = self.gazetteer.entity(text, *bare_forms(text))
                if entity is not None:
                    found.append((entity.kind != "person", -size, -first, entity, text))
        if not found:
            return None
        *_, entity, text = min(found, key=lambda f: f[:3])
        return entity, text

    def _unknown_person(
        self, words: tuple[Word, ...], stems: list[str], roles: list[str], mention: TextSpan
    ) -> tuple[_Known, None] | None:
        """A proper name before or after a title: "올레크 바린 대변인", "홍길동 장관"."""
        names = [s for w, s in zip(words, stems, strict=True) if _is_name(w, s) and not self._is_known(s)]
        if not names or not roles or (names == [stems[0]] and len(names[0]) == 1):
            return None  # "김 장관": a surname and a title point back to the one named before
        written = " ".join(names)
        for known in self.spoken:  # "바린 대변인" after "올레크 바린 대변인"
            if known.kind == "person" and known.written and known.written.split()[-1] == names[-1]:
                return known, None
        role = " ".join(s for s in stems if s not in names and not self._is_country(s)) or None
        country = next((c for s in stems if (c := self._country_code(s))), None)
        return _Known(written, "person", role, country, written, mention), None

    def _described(self, stems: list[str]) -> _Known | None:
        role = stems[-1]
        surname = stems[0] if len(stems) == 2 and len(stems[0]) == 1 else None
        for known in reversed(self.spoken):
            if known.kind != "person" or not known.role:
                continue
            if any(role.endswith(noun) and noun in known.role for noun in ROLE_NOUNS) and (
                surname is None or (known.written or "").startswith(surname)
            ):
                return known
        return None

    def _pronoun(self, kind: str, mention: TextSpan) -> tuple[_Known, TextSpan | None]:
        for known in reversed(self.spoken):
            if (known.kind == "person") == (kind == "person"):
                return known, known.mention
        return _Known(mention.text, "group", None, None, None, mention), None

    def _is_known(self, stem: str) -> bool:
        return self.gazetteer.entity(stem, *bare_forms(stem)) is not None

    def _is_country(self, stem: str) -> bool:
        entity = self.gazetteer.entity(stem, *bare_forms(stem))
        return entity is not None and entity.kind in ("country", "government")

    def _country_code(self, stem: str) -> str | None:
        entity = self.gazetteer.entity(stem, *bare_forms(stem))
        return entity.country if entity is not None else None


def bare_forms(text: str) -> list[str]:
    """A name without the suffixes Korean attaches to it: 북한군 -> 북한, 러시아측 -> 러시아, 크렘린궁 -> 크렘린."""
    forms = []
    for suffix in ("군", "측", "당국", "정부", "궁", " 정부", " 측"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            forms.append(text[: -len(suffix)].strip())
    return forms


def _is_name(word: Word, stem: str) -> bool:
    """A proper noun (or an unknown foreign word Kiwi took for a common noun) that is no title or institution."""
    nouns = [m for m in word.morphemes if m.is_noun]
    if not nouns or stem.endswith(ROLE_NOUNS) or stem.endswith(GROUP_NOUNS) or stem.endswith(_ORG_ENDINGS):
        return False
    return any(m.tag == "NNP" for m in nouns) or (len(nouns) == 1 and bool(re.fullmatch(r"[가-힣]{2,5}", stem)) and (
        word.morphemes[0].tag == "NNP"
    ))


# -- when -----------------------------------------------------------------------------------------------------
_WEEKDAYS = "월화수목금토일"


def _said_on(sentence: Sentence, found: _Found, reference: date) -> SaidOn:
    """The date phrase of the sentence outside the content, resolved against the article's day."""
    before = sentence.text[: max(0, found.content.start - sentence.start)]
    after = sentence.text[max(0, found.content.end - sentence.start) :]
    for text in (before, after):
        resolved = resolve_korean_phrase(text, reference)
        if resolved is not None:
            return resolved
    return publication_day(reference)


def resolve_korean_phrase(text: str, reference: date) -> SaidOn | None:
    """``16일``, ``지난 7일``, ``10월 7일``, ``지난주``, ``수요일``, ``어제``, ``이날`` as a day, range or month."""
    rules = (
        (r"(\d{1,2})월\s*(\d{1,2})일", _month_day),
        (r"(?<![\d월])(?:지난\s*)?(\d{1,2})일(?![간째])", _day_of_month),
        (r"(?:지난\s*)?([월화수목금토일])요일", _weekday),
        (r"지난\s*주말", _weekend),
        (r"지난\s*주|지난주", _last_week),
        (r"이번\s*주|이번주", _this_week),
        (r"지난\s*달|지난달", _last_month),
        (r"어제|전날", lambda m, r: _day(r - timedelta(days=1))),
        (r"그제|그저께", lambda m, r: _day(r - timedelta(days=2))),
        (r"이날|오늘", lambda m, r: _day(r)),
        (r"최근", lambda m, r: _range(r - timedelta(days=5), r - timedelta(days=1))),
    )
    for pattern, rule in rules:
        match = re.search(pattern, text)
        if match:
            try:
                start, end, precision = rule(match, reference)
            except ValueError:
                continue
            return SaidOn(start, end, precision, match.group(0))
    return None


def _day(value: date) -> tuple[str, str, str]:
    return value.isoformat(), value.isoformat(), "day"


def _range(first: date, last: date) -> tuple[str, str, str]:
    return first.isoformat(), last.isoformat(), "range"


def _month_day(match: re.Match, reference: date) -> tuple[str, str, str]:
    value = date(reference.year, int(match.group(1)), int(match.group(2)))
    if value > reference + timedelta(days=1):
        value = value.replace(year=value.year - 1)
    return _day(value)


def _day_of_month(match: re.Match, reference: date) -> tuple[str, str, str]:
    """A bare day of the month is in the article's month, or the month before if that day is still to come."""
    day = int(match.group(1))
    if day <= reference.day:
        return _day(reference.replace(day=day))
    previous_month = reference.replace(day=1) - timedelta(days=1)
    return _day(previous_month.replace(day=day))


def _weekday(match: re.Match, reference: date) -> tuple[str, str, str]:
    back = (reference.weekday() - _WEEKDAYS.index(match.group(1))) % 7
    if match.group(0).startswith("지난") and back == 0:
        back = 7
    return _day(reference - timedelta(days=back))


def _monday(reference: date) -> date:
    return reference - timedelta(days=reference.weekday())


def _last_week(match: re.Match, reference: date) -> tuple[str, str, str]:
    first = _monday(reference) - timedelta(days=7)
    return _range(first, first + timedelta(days=6))


def _this_week(match: re.Match, reference: date) -> tuple[str, str, str]:
    return _range(_monday(reference), reference)


def _weekend(match: re.Match, reference: date) -> tuple[str, str, str]:
    saturday = _monday(reference) - timedelta(days=2)
    return _range(saturday, saturday + timedelta(days=1))


def _last_month(match: re.Match, reference: date) -> tuple[str, str, str]:
    last = reference.replace(day=1) - timedelta(days=1)
    return last.strftime("%Y-%m"), last.strftime("%Y-%m"), "month"


__all__ = ["KoreanSpeakers", "bare_forms", "extract_korean_statements", "resolve_korean_phrase"]
