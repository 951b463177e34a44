"""Attributions in Russian and Ukrainian text, shared by ``statements.ru`` and ``statements.uk``.

Both languages report speech the same ways, and these rules read them from the surface:
- ``X заявил, что ...`` / ``X заявив, що ...``: the content is the clause after the complementiser;
- ``X заявил: «...»``: the content follows the colon;
- ``«...», — сказал X`` / ``..., — сказав X``: the content is the quote (or clause) before the dash;
- ``X опроверг сообщения о ...``: with a denial, accusation or naming cue, what follows is the content;
- ``по словам X, ...`` / ``за словами X, ...`` (and ``по данным``, ``за даними``...): the source follows
  the preposition, the content is the rest of the sentence.
The language module says who the source is when it can do better than the surface (Russian: the
UD ``nsubj`` of the cue); speakers are then resolved against the article's names and the gazetteer
(``SpeakerResolver``), and dates ("в среду", "7 жовтня") against the article's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Generic, TypeVar

from claimwatch.gazetteer import Gazetteer
from claimwatch.gazetteer.model import name_key
from claimwatch.nlp.parsed import Name, ParsedText, Sentence, Word
from claimwatch.records import Article, SaidOn, Speaker, Statement
from claimwatch.records import Span as TextSpan
from claimwatch.statements import slavic_lexicon as lexicon
from claimwatch.statements.extract import inherit_dates, link_nested, reference_day, statement_id
from claimwatch.statements.quotes import Quote, find_quotes, quote_kind
from claimwatch.statements.when import MONTHS, publication_day, resolve_phrase

_DASHES = {"—", "–", "-"}
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
T = TypeVar("T")
_CLOSING = {"»", "”", '"', "“"}
_STOP_PUNCT = {".", "!", "?", "…"}


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution found by the rules, as character spans of the body."""

    sentence_index: int
    cue: tuple[int, int]
    cue_lemma: str
    act: str  # the cue's act from the lexicon ("asserts", "denies", ...)
    source: tuple[int, int] | None
    content: tuple[int, int]
    rule: str


# A language's way of finding the source of a cue: (sentence, cue word, content span) -> source span.
SourceFinder = Callable[[Sentence, Word, tuple[int, int]], tuple[int, int] | None]
# ... and what a cue acts on ("опроверг эти данные"): (sentence, cue word) -> content span, or None.
ObjectFinder = Callable[[Sentence, Word], tuple[int, int] | None]


def find_attributions(
    parsed: ParsedText, language: str, source_of: SourceFinder, object_of: ObjectFinder | None = None
) -> list[Found]:
    quotes = find_quotes(parsed.text)
    found: list[Found] = []
    for index, sentence in enumerate(parsed.sentences):
        found.extend(_according_to(sentence, index, language))
        for word in sentence.words:
            act = _cue_act(word, language)
            if act is None or _inside(word.start, quotes) or any(f.cue[0] <= word.start < f.cue[1] for f in found):
                continue
            if word.form == "Conv" and any(f.sentence_index == index for f in found):
                continue  # "опровергли, назвав их ...": the gerund goes with the verb before it
            content, rule = _content(sentence, word, quotes, language, act, object_of)
            if content is None:
                continue
            source = source_of(sentence, word, content)
            found.append(Found(index, (word.start, word.end), word.lemma, act, source, content, rule))
    return found


def _cue_act(word: Word, language: str) -> str | None:
    if word.pos not in ("VERB", "ADJ", "X", "NOUN") or (word.text[:1].isupper() and word.index > 0):
        return None
    if word.lemma in lexicon.NAMING[language]:
        return "names"
    return lexicon.CUES[language].get(word.lemma)


def _inside(position: int, quotes: list[Quote]) -> bool:
    return any(q.start < position < q.end for q in quotes)


def _content(
    sentence: Sentence,
    cue: Word,
    quotes: list[Quote],
    language: str,
    act: str,
    object_of: ObjectFinder | None,
) -> tuple[tuple[int, int] | None, str]:
    words = sentence.words
    after = words[cue.index + 1 :]
    # "..., — сказал X" and "«...», — сказал X": what stands before the dash.
    before = words[: cue.index]
    if before and (before[-1].text in _DASHES or before[-1].text == ","):
        closing = next((w for w in reversed(before) if w.text in _CLOSING), None)
        quote = next((q for q in quotes if closing is not None and q.end == closing.end), None)
        if quote is not None:
            return (quote.start, quote.end), "quote_before"
        boundary = [w for w in before if w.text not in _DASHES and w.text != ","]
        if boundary and len(boundary) >= 3:
            return (boundary[0].start, boundary[-1].end), "clause_before"
    # "Как сказал X, ...": what follows the comma after the source.
    if before and before[-1].text.lower() == lexicon.AS[language] and (len(before) == 1 or before[-2].text == ","):
        comma = next((i for i, w in enumerate(after) if w.text == ","), None)
        if comma is not None and comma + 1 < len(after):
            return _to_sentence_end(sentence, after[comma + 1 :], quotes), "as_said"
    # "X заявил, что ...": the clause after the complementiser, within a few words of the cue.
    for position, word in enumerate(after[:10]):
        if word.text in _STOP_PUNCT or word.text == ":":
            break
        if word.text.lower() in lexicon.COMPLEMENTISERS[language] and position and after[position - 1].text == ",":
            return _to_sentence_end(sentence, after[position + 1 :], quotes), "complement"
    # "X заявил: «...»" or "X заявил: ...".
    for position, word in enumerate(after[:10]):
        if word.text in _STOP_PUNCT:
            break
        if word.text == ":":
            rest = after[position + 1 :]
            if not rest:
                return None, ""
            quote = next((q for q in quotes if q.start == rest[0].start), None)
            if quote is not None:
                return (quote.start, quote.end), "colon_quote"
            return _to_sentence_end(sentence, rest, quotes), "colon"
    # "X заявил о планах ...": the topic of the saying.
    for position, word in enumerate(after[:6] if act == "asserts" else ()):
        if word.text in _STOP_PUNCT or word.text in (",", ":") or word.text in _DASHES:
            break
        if word.text.lower() in lexicon.ABOUT[language] and position + 1 < len(after):
            return _object(sentence, after[position - 1] if position else cue), "about"
    # "X опроверг сообщения о ...", "назвал сообщения фейком": the object of a non-saying cue.
    if act in ("denies", "accuses", "confirms", "names", "threatens", "pledges", "questions", "investigates",
               "expresses", "appeals"):
        return (object_of and object_of(sentence, cue)) or _object(sentence, cue), "object"
    return None, ""


def _to_sentence_end(sentence: Sentence, rest: tuple[Word, ...], quotes: list[Quote]) -> tuple[int, int]:
    rest = list(rest)
    while rest and (rest[-1].text in _STOP_PUNCT or rest[-1].text in (",", ";")):
        rest.pop()
    while rest and rest[0].text in (",", ";", "—"):
        rest.pop(0)
    if not rest:
        return sentence.end, sentence.end
    start, end = rest[0].start, rest[-1].end
    # A quote that runs on past the sentence ends the content.
    for quote in quotes:
        if quote.start == start and quote.end > end:
            end = quote.end
    return start, end


def _object(sentence: Sentence, cue: Word) -> tuple[int, int] | None:
    """What the cue acts on: the words after it to the end of its clause, or (when the clause ends at
    the cue: "У МЗС Кестрії повідомлення заперечили") the words between the speaking place and the cue."""
    rest = []
    for word in sentence.words[cue.index + 1 :]:
        if word.text in _STOP_PUNCT or word.text in (";", ",") or (word.text in _DASHES and rest):
            break
        rest.append(word)
    if not rest:
        clause = _clause_before(sentence.words[: cue.index])
        place = _speaking_place(clause)
        rest = clause[len(place) + 1 :] if place else []
    return (rest[0].start, rest[-1].end) if rest else None


def _clause_before(words: tuple[Word, ...]) -> list[Word]:
    clause: list[Word] = []
    for word in reversed(words):
        if word.text in (",", ":", ";", "»", "«") or word.text in _DASHES or word.text in _STOP_PUNCT:
            break
        clause.insert(0, word)
    return clause


def _speaking_place(clause: list[Word]) -> list[Word]:
    """ "У МЗС Кестрії ...", "В МИД Кестрии ...": the institution an impersonal plural speaks for."""
    if len(clause) < 2 or clause[0].text.lower() not in ("в", "у", "во") or not clause[1].text[:1].isupper():
        return []
    place = [clause[1]]
    for word in clause[2:]:
        if not (word.text[:1].isupper() or (word.case == "Gen" and word.pos in ("NOUN", "ADJ", "PROPN"))):
            break
        place.append(word)
    return place


def _according_to(sentence: Sentence, index: int, language: str) -> list[Found]:
    """ "По словам X, ...", "..., по данным X." and their Ukrainian forms."""
    words = sentence.words
    lowered = [w.text.lower() for w in words]
    found = []
    for pattern in lexicon.ACCORDING_TO[language]:
        size = len(pattern)
        for start in range(len(words) - size + 1):
            if tuple(lowered[start : start + size]) != pattern:
                continue
            pronoun = [w for w in words[start + 1 : start + size - 1] if w.text.lower() in lexicon.PRONOUNS[language]]
            source_words = list(pronoun)  # "по его словам": the pronoun is the source
            for word in [] if pronoun else words[start + size :]:
                if word.text in (",", ";", ":") or word.text in _STOP_PUNCT or word.text in _DASHES:
                    break
                source_words.append(word)
            if not source_words:
                continue
            after_source = start + size + (0 if pronoun else len(source_words))
            if start <= 1:  # at the start: the content is the rest of the sentence
                rest = words[after_source + 1 :]
            else:  # at the end: the content is what comes before it
                rest = words[: start - (1 if lowered[start - 1] in (",", "—") else 0)]
                rest = [w for w in rest if w.text not in _DASHES]
            rest = [w for w in rest if w.text not in _STOP_PUNCT]
            while rest and rest[-1].text in (",", ";", ":"):
                rest.pop()
            if not rest:
                continue
            cue_words = words[start : start + size]
            act = lexicon.ACCORDING_TO_ACT.get(pattern[-1], "reports")
            found.append(
                Found(
                    index,
                    (cue_words[0].start, cue_words[-1].end),
                    " ".join(pattern),
                    act,
                    (source_words[0].start, source_words[-1].end),
                    (rest[0].start, rest[-1].end),
                    "according_to",
                )
            )
    return found


def surface_source(sentence: Sentence, cue: Word, content: tuple[int, int], language: str) -> tuple[int, int] | None:
    """The source from word order alone: the noun phrase next to the cue, on the side the content is not."""
    words = sentence.words
    place = _speaking_place(_clause_before(words[: cue.index]))
    if place:
        phrase = place
    elif content[1] <= cue.start:  # content before the cue: "..., — сказал X журналистам"
        phrase = _phrase_after(words[cue.index + 1 :], language)
    else:  # "X заявил, что ...": the phrase before the cue in its clause
        phrase = _phrase_before(words[: cue.index], language)
    phrase = [w for w in phrase if not (content[0] <= w.start < content[1])]
    return (phrase[0].start, phrase[-1].end) if phrase else None


def _starts_subject(word: Word, language: str) -> bool:
    return (
        word.lemma in lexicon.ROLE_WORDS[language]
        or word.text.lower() in lexicon.PRONOUNS[language]
        or word.pos == "PROPN"
        or (word.text[:1].isupper() and word.pos in ("NOUN", "X", "ADJ"))
        or (word.pos == "NOUN" and word.case == "Nom")
    )


def _phrase_before(words: tuple[Word, ...], language: str) -> list[Word]:
    clause = _clause_before(words)
    start = next((i for i, w in enumerate(clause) if _starts_subject(w, language)), None)
    if start is None:
        return []
    phrase = clause[start:]
    # After a name, a preposition starts the circumstances ("Солан у вівторок", "... на слуханнях").
    named = next((i for i, w in enumerate(phrase) if i and w.text[:1].isupper()), None)
    if named is not None:
        cut = next((i for i, w in enumerate(phrase) if i > named and _is_preposition(w, language)), None)
        phrase = phrase[:cut] if cut is not None else phrase
    # Trailing adverbs and dates ("у середу", "также") are not the speaker.
    while phrase and (phrase[-1].pos in ("ADV", "ADP", "PART", "CCONJ") or _is_date_word(phrase[-1], language)):
        phrase.pop()
        if phrase and phrase[-1].pos == "ADP":
            phrase.pop()
    return phrase


def _is_preposition(word: Word, language: str) -> bool:
    return word.pos == "ADP" or word.text.lower() in lexicon.PREPOSITIONS[language]


def _phrase_after(words: tuple[Word, ...], language: str) -> list[Word]:
    phrase: list[Word] = []
    for word in words:
        if word.text in (",", ".", ";", ":", "!", "?") or word.text in _DASHES:
            break
        if phrase and word.text[:1].islower() and word.case in ("Dat", "Loc") and word.lemma not in lexicon.ROLE_WORDS[
            language
        ]:
            break  # "сказал Варин журналистам"
        if word.pos in ("ADP", "ADV", "PART", "CCONJ") and word.text not in ("-",):
            if phrase:
                break
            continue
        phrase.append(word)
    return phrase


def _is_date_word(word: Word, language: str) -> bool:
    return word.text.lower() in lexicon.MONTHS[language] or any(
        re.search(pattern, f"в {word.text.lower()}") for pattern in lexicon.DATE_WORDS[language]
    )


# -- speakers ---------------------------------------------------------------------------------------------


class FormIndex(Generic[T]):
    """Cyrillic names found by the dictionary forms of each of their words, so that a name in any case
    ("Национального разведывательного бюро", "Северной Кореи") meets it as the gazetteer writes it
    ("Национальное разведывательное бюро", "Северная Корея")."""

    def __init__(self, names: Iterable[tuple[str, T]], normal_forms: Callable[[str], set[str]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[set[str], ...], T]]] = {}
        for name, value in names:
            if not _CYRILLIC.search(name):
                continue
            parts = tuple(normal_forms(word) for word in name.split())
            for form in parts[0]:
                self._by_first.setdefault(form, []).append((parts, value))

    def longest(self, forms: list[set[str]], start: int = 0) -> tuple[int, T] | None:
        """The longest name whose words' forms meet ``forms`` from ``start``: its length in words, its value."""
        best: tuple[int, T] | None = None
        for form in sorted(forms[start]):
            for parts, value in self._by_first.get(form, ()):
                window = forms[start : start + len(parts)]
                fits = len(window) == len(parts) and all(p & f for p, f in zip(parts, window, strict=True))
                if fits and (best is None or len(parts) > best[0]):
                    best = (len(parts), value)
        return best



@dataclass
class _Known:
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None


class SpeakerResolver:
    """Source mentions of one article -> speakers: names, roles, pronouns, surnames and the gazetteer.

    A name resolves through the gazetteer (by its dictionary form: "Аркадия Лемского" -> "Аркадий
    Лемский"); a lone surname or family name to the full name met earlier ("Чо" -> "Чо Мин Хёк");
    a pronoun or a bare role ("он", "замминистра", "дипломат") to the latest person who spoke, a role
    with its complement ("представитель Цитадели") to the latest speaker holding it; an institution
    noun ("бюро", "институт") to the organisation of that kind named earlier.
    """

    def __init__(
        self,
        parsed: ParsedText,
        gazetteer: Gazetteer,
        language: str,
        lemma_of: Callable[[Word], str],
        normal_forms: Callable[[str], set[str]],
        forms_of: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.parsed = parsed
        self.forms_of = forms_of or (lambda text: [text])
        self.normal_forms = normal_forms
        self.gazetteer = gazetteer
        self.language = language
        self.lemma_of = lemma_of
        self.spoken: list[_Known] = []
        self.index = _gazetteer_index(gazetteer)
        self.by_forms = FormIndex(
            ((name, known) for name, known in _gazetteer_names(gazetteer) if known.kind != "government"), normal_forms
        )
        self.people: dict[str, _Known] = {}  # surname key -> person met in the article
        # Organisations that spoke, with the lemmas they were named by: "бюро" is the bureau named before.
        self.organisation_words: list[tuple[_Known, set[str]]] = []

    def resolve(self, span: tuple[int, int] | None, sentence: Sentence) -> Speaker:
        if span is None:
            return Speaker(None, None, None)
        text = self.parsed.text[span[0] : span[1]]
        mention = TextSpan(span[0], span[1], text)
        words = [w for w in sentence.words if span[0] <= w.start < span[1]]
        if len(words) == 1 and words[0].text.lower() in lexicon.PRONOUNS[self.language]:
            # "он", "за його словами": the latest person who spoke, else the latest person named.
            people = [p for p in self.spoken if p.kind == "person"]
            named = [n for n in self._people(list(self.parsed.names)) if n.end <= span[0]]
            if people:
                return self._speaker(people[-1], mention, None)
            if named:
                return self._speaker(self._person(named[-1], None, None), mention, None)
            return Speaker(mention, None, None)
        known = self._known(words, span)
        self.spoken.append(known)
        if known.kind == "organization":
            self.organisation_words.append((known, {self.lemma_of(w).lower() for w in words}))
        return self._speaker(known, mention, text)

    def _speaker(self, known: _Known, mention: TextSpan, written: str | None) -> Speaker:
        return Speaker(
            mention=mention,
            entity=known.name,
            entity_type=known.kind,
            role=known.role,
            affiliation=known.affiliation,
            country=known.country,
            written_name=written,
        )

    def _known(self, words: list[Word], span: tuple[int, int]) -> _Known:
        names = self.parsed.names_in(*span)
        head = words[0] if words else None
        # A person speaks when the phrase is their name or a role with their name ("министр ... Лемский");
        # "разведка Остравии" is an organisation even where a tagger reads a name in it.
        people = self._people(names)
        # A full name closing the phrase is its head ("головного інженера ... Юрія Бомбандьорова").
        closing = bool(people) and len(people[-1].text.split()) > 1 and people[-1].end >= span[1]
        if people and head is not None and head.start < people[0].start and not (
            closing or self._has_role(words, people[0])
        ):
            people = []
        role_words = [w for w in words if w.start < (people[0].start if people else span[1])]
        country = self._country_in(role_words)
        if people:
            return self._person(people[0], self._role(role_words), country)
        phrase = _normal_phrase(words, self.lemma_of)
        entry = (
            self._lookup(phrase)
            or self._lookup(self.parsed.text[slice(*span)])
            or self._named_at_end(words)
            or self._inflected(words)
        )
        if entry is not None:
            return entry
        if head is not None and self._has_role(words, None):
            # A description ("пресс-секретарь Кремля", "министр обороны"): someone met earlier, or the role.
            return self._described(words, span) or _Known(phrase, "person", role=phrase, country=country)
        named = [n for n in names if n.label in ("ORG", "LOC")]
        for name in named:
            found = self._lookup(name.normal) or self._lookup(name.text)
            if found is not None and (found.kind != "country" or len(words) <= 2):
                return found
        if head is not None and (len(words) == 1 or (not named and head.text[:1].islower())):
            described = self._described(words, span)
            if described is not None:
                return described
        kind = "organization" if named or (head is not None and head.text[:1].isupper()) else "group"
        return _Known(phrase, kind, country=country)

    def _named_at_end(self, words: list[Word]) -> _Known | None:
        """A gazetteer person closing the phrase ("Речниця ... альянсу Дана Вітлок") that no tagger found."""
        for size in (3, 2, 1):
            tail = words[-size:]
            if len(tail) < size or not all(w.text[:1].isupper() for w in tail):
                continue
            forms = [" ".join(w.text for w in tail), " ".join(self.lemma_of(w) for w in tail)]
            for form in forms + (self.forms_of(tail[0].text) if size == 1 else []):
                found = self._lookup(form)
                if found is not None and found.kind == "person":
                    role = self._role(words[:-size])
                    return _Known(found.name, "person", role or found.role, found.affiliation, found.country)
        return None

    def _inflected(self, words: list[Word]) -> _Known | None:
        """An institution named in any case ("Национального разведывательного бюро Сельмары"): a gazetteer
        name opening the phrase, followed by nothing or by the country it belongs to."""
        words = [w for w in words if w.pos != "PUNCT"]
        if not words:
            return None
        forms = [self.normal_forms(w.text) | {w.lemma} for w in words]
        found = self.by_forms.longest(forms)
        if found is None or found[1].kind not in ("organization", "person"):
            return None
        size, known = found
        rest = self.by_forms.longest(forms, size) if size < len(words) else None
        if size == len(words) or (rest and rest[0] == len(words) - size and rest[1].kind == "country"
                                  and rest[1].country == known.country):
            return known
        return None

    def _people(self, names: list[Name]) -> list[Name]:
        """PER names, without a country's name run into them ("Селмары Чо Мин Хёк" -> "Чо Мин Хёк")."""
        result = []
        for name in names:
            if name.label != "PER":
                continue
            words, normal = name.text.split(), name.normal.split()
            drop = 0
            while drop < len(words) and self._is_country(words[drop]):
                drop += 1
            if drop == len(words):
                continue
            offset = len(" ".join(words[:drop])) + (1 if drop else 0)
            kept_normal = normal[drop:] if len(normal) == len(words) else words[drop:]
            result.append(Name(name.start + offset, name.end, " ".join(words[drop:]), "PER", " ".join(kept_normal)))
        return result

    def _is_country(self, word: str) -> bool:
        """ "Остравии" too: a country's name in any case."""
        found = [self.index.get(_key(form)) for form in (word, *sorted(self.normal_forms(word)))]
        return any(known is not None and known.kind in ("country", "government") for known in found)

    def _words_in(self, start: int, end: int) -> list[Word]:
        return [w for sentence in self.parsed.sentences for w in sentence.words if start <= w.start and w.end <= end]

    def _has_role(self, words: list[Word], name: Name | None) -> bool:
        return any(self._is_role(w) for w in words if name is None or w.start < name.start)

    def _is_role(self, word: Word) -> bool:
        return self.lemma_of(word).lower() in lexicon.ROLE_WORDS[self.language]

    def _described(self, words: list[Word], span: tuple[int, int]) -> _Known | None:
        """ "замминистра", "представитель Цитадели", "бюро": someone the article has already named."""
        head = self.lemma_of(words[0]).lower()
        people = [p for p in self.spoken if p.kind == "person"]
        if self._is_role(words[0]):
            complement = {w.text.lower() for w in words[1:]}
            for known in reversed(people):
                role = (known.role or "").lower()
                if head in role and complement <= set(role.split()):
                    return known
            return people[-1] if people and len(words) == 1 else None
        if head in lexicon.DOCUMENTS[self.language] and len(words) > 1:
            return self._known(words[1:], (words[1].start, span[1]))  # "в заявлении ведомства": its author
        organisations = [k for k in self.spoken if k.kind in ("organization", "government")]
        if head in lexicon.AGENCY_WORDS[self.language] and organisations:
            return organisations[-1]
        named_by = [known for known, lemmas in reversed(self.organisation_words) if head in lemmas]
        if named_by and len(words) == 1:
            return named_by[0]
        earlier = [n for n in self.parsed.names if n.label == "ORG" and n.end <= span[0]]
        candidates = [name for name in reversed(earlier) if head in name.normal.lower().split()]
        for name in candidates:
            after = self._after(name)
            full = next(filter(None, map(self._lookup, (name.normal, name.text, name.normal + after))), None)
            full = full or self._inflected(self._words_in(name.start, name.end + len(after)))
            if full is not None:
                return full
        return _Known(candidates[0].normal, "organization") if candidates else None

    def _after(self, name: Name) -> str:
        """The genitive place after an organisation's name ("бюро разведки" + " Селмары")."""
        following = re.match(r"\s+([А-ЯЁІЇЄҐ][\w'’-]+)", self.parsed.text[name.end :])
        return f" {following.group(1)}" if following else ""

    def _person(self, name: Name, role: str | None, country: str | None) -> _Known:
        normal_words = name.normal.split()
        surname = _key(normal_words[-1])
        entry = self._lookup(name.normal) or self._lookup(name.text)
        # A surname alone names a known person only when the text gives no other first name ("Нильс Лунд"
        # is not Petra Lund, whose surname the gazetteer also lists).
        if entry is None and len(normal_words) == 1:
            forms = [name.normal, *self.forms_of(name.text)]
            entry = next(filter(None, map(self._lookup, forms)), None) or self._earlier_full_name(forms)
        if entry is not None:
            known = _Known(entry.name, "person", role or entry.role, entry.affiliation, entry.country or country)
        else:
            known = _Known(name.normal, "person", role, None, country)
        earlier = self.people.get(surname)
        if earlier is not None and earlier.name == known.name:
            known = _Known(known.name, "person", known.role or earlier.role, known.affiliation or earlier.affiliation,
                           known.country or earlier.country)
        self.people[surname] = known
        return known

    def _earlier_full_name(self, forms: list[str]) -> _Known | None:
        """A lone surname ("Варин") or family name ("Чо") -> the full name met earlier in the article."""
        keys = {_key(form) for form in forms}
        for known in reversed(list(self.people.values())):
            if keys & {_key(part) for part in known.name.split()}:
                return known
        for earlier in reversed(self._people(list(self.parsed.names))):
            parts = earlier.normal.split()
            if len(parts) > 1 and keys & {_key(part) for part in parts}:
                return self._lookup(earlier.normal) or _Known(earlier.normal, "person")
        return None

    def _role(self, words: list[Word]) -> str | None:
        words = [w for w in words if w.text not in (",", "—")]
        while words and not self._is_role(words[0]) and words[0].pos == "ADJ" and len(words) > 1:
            if self._is_role(words[1]):
                break
            words = words[1:]
        if not words or not self._has_role(words, None):
            return None
        return _normal_phrase(words, self.lemma_of)

    def _country_in(self, words: list[Word]) -> str | None:
        for word in words:
            for form in (self.lemma_of(word), word.text):
                found = self.index.get(_key(form))
                if found is not None and found.kind in ("country", "government"):
                    return found.country
                metonym = self.gazetteer.metonym(form)
                if metonym is not None:
                    return metonym[0].code
        return None

    def _lookup(self, name: str) -> _Known | None:
        return self.index.get(_key(name))


def _key(name: str) -> str:
    return name_key(name.replace("ё", "е").replace("Ё", "Е"))


def _normal_phrase(words: list[Word], lemma_of: Callable[[Word], str]) -> str:
    """The phrase with its head in the dictionary form: "министра обороны" -> "министр обороны"."""
    words = [w for w in words if w.text not in (",",)]
    if not words:
        return ""
    head = lemma_of(words[0])
    if words[0].text[:1].isupper():
        head = head[:1].upper() + head[1:]
    if words[0].text.isupper():
        head = words[0].text
    return " ".join([head, *(w.text for w in words[1:])]).replace(" - ", "-")


def _gazetteer_index(gazetteer: Gazetteer) -> dict[str, _Known]:
    """Every name and alias of people, organisations and countries (native spellings included)."""
    index: dict[str, _Known] = {}
    for name, known in _gazetteer_names(gazetteer):
        index.setdefault(_key(name), known)
    return index


def _gazetteer_names(gazetteer: Gazetteer) -> list[tuple[str, _Known]]:
    """(spelling, entry) for people, organisations, countries and seats of government, in that order."""
    names: list[tuple[str, _Known]] = []
    for entry in gazetteer.people():
        known = _Known(entry["name"], "person", entry.get("role"), entry.get("organization"), entry.get("country"))
        names.extend((name, known) for name in _spellings(entry))
    for entry in gazetteer.organizations():
        known = _Known(entry["name"], "organization", None, None, entry.get("country"))
        names.extend((name, known) for name in _spellings(entry))
    for country in gazetteer.countries:
        known = _Known(country.name, "country", None, None, country.code)
        names.extend((name, known) for name in (country.name, *country.aliases))
        for seat in country.seats:
            names.append((seat, _Known(f"Government of {country.name}", "government", None, None, country.code)))
    return names


def _spellings(entry: dict) -> list[str]:
    names = [entry["name"], *entry.get("aliases", [])]
    for value in entry.values():  # native spellings by language ("native = {ru = [...]}")
        if isinstance(value, dict):
            for spelled in value.values():
                names.extend(spelled if isinstance(spelled, list) else [spelled])
    return [name for name in names if isinstance(name, str)]


# -- building the records --------------------------------------------------------------------------------


def build_statements(
    article: Article, parsed: ParsedText, found: list[Found], resolver: SpeakerResolver, language: str
) -> list[Statement]:
    quotes = find_quotes(parsed.text)
    reference = reference_day(article)
    body_start = len(article.dateline_text or "")
    statements = []
    for item in sorted(found, key=lambda f: f.cue[0]):
        content_start = max(item.content[0], body_start)
        if content_start >= item.content[1]:
            continue
        sentence = parsed.sentences[item.sentence_index]
        speaker = resolver.resolve(item.source, sentence)
        content = TextSpan(content_start, item.content[1], parsed.text[content_start : item.content[1]])
        cue = TextSpan(item.cue[0], item.cue[1], parsed.text[item.cue[0] : item.cue[1]])
        edges = [content.start, content.end, cue.start, cue.end]
        if speaker.mention:
            edges += [speaker.mention.start, speaker.mention.end]
        statements.append(
            Statement(
                id=statement_id(article.id, cue.start, content.start),
                article_id=article.id,
                sentence_index=item.sentence_index,
                start=min(edges),
                end=max(edges),
                speaker=speaker,
                cue=cue,
                cue_lemma=item.cue_lemma,
                content=content,
                kind=quote_kind(content.start, content.end, quotes),
                said_on=_said_on(parsed.text, sentence, content, reference, language),
            )
        )
    return link_nested(inherit_dates(statements))


def _said_on(text: str, sentence: Sentence, content: TextSpan, reference: date | None, language: str) -> SaidOn | None:
    if reference is None:
        return None
    outside = text[sentence.start : content.start] + " " + text[content.end : sentence.end]
    for phrase, english in date_phrases(outside, language):
        resolved = resolve_phrase(english, reference)
        if resolved is not None:
            return replace(resolved, phrase=phrase)
    return publication_day(reference)


def date_phrases(text: str, language: str) -> list[tuple[str, str]]:
    """Date phrases of the text with the English words statements.when reads: ("в среду", "on wednesday")."""
    lowered = text.lower()
    found = [(m.start(), m.group(0), english) for pattern, english in lexicon.DATE_WORDS[language].items()
             for m in re.finditer(pattern, lowered)]
    months = lexicon.MONTHS[language]
    for match in re.finditer(r"\b(\d{1,2}) (" + "|".join(months) + r")(?: (\d{4}))?", lowered):
        english = f"{match.group(1)} {MONTHS[months.index(match.group(2))]} {match.group(3) or ''}".strip()
        found.append((match.start(), match.group(0), english))
    return [(phrase, english) for _, phrase, english in sorted(found)]


__all__ = [
    "FormIndex", "Found", "SpeakerResolver", "build_statements", "date_phrases", "find_attributions", "surface_source",
]
