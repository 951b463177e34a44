"""Russian statements: natasha's UD parse (``nlp.ru``) -> attributions -> speakers -> stance.

Stages, in order: ``nlp.ru.parse`` (razdel, slovnet morphology, syntax and names); the shared
surface rules of ``statements.slavic`` for content (``заявил, что``, ``«...», — сказал``,
``по словам``, ``по данным``); the source from the UD tree (the cue's ``nsubj`` with its
``flat:name``, ``appos`` and ``nmod`` words, or the subject of the verb it is conjoined to), with
word order as the fallback; speakers resolved by name (natasha's normal forms: "Пескова" ->
"Песков") and the gazetteer; then ``stance.slavic`` (run by ``stance.languages``) for act and certainty.
"""

from __future__ import annotations

from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp import ru as nlp_ru
from claimwatch.nlp.parsed import ParsedText, Sentence, Word
from claimwatch.records import Article, Statement
from claimwatch.statements.slavic import SpeakerResolver, build_statements, find_attributions, surface_source

LANGUAGE = "ru"
_SUBJECT_PARTS = {"flat:name", "flat", "appos", "nmod", "amod", "compound", "punct", "conj", "cc", "nummod"}


def find_statements(article: Article, gazetteer: Gazetteer) -> tuple[list[Statement], dict[str, str], ParsedText]:
    """The article's statements, the act of each one's cue (by statement id) and the parse, for the stance stage."""
    parsed = nlp_ru.parse(article.body)
    found = find_attributions(parsed, LANGUAGE, source_of, object_of)
    resolver = SpeakerResolver(parsed, gazetteer, LANGUAGE, lambda word: word.lemma, nlp_ru.normal_forms)
    statements = build_statements(article, parsed, found, resolver, LANGUAGE)
    acts = {item.cue[0]: item.act for item in found}
    return statements, {s.id: acts.get(s.cue.start, "asserts") for s in statements if s.cue}, parsed


def source_of(sentence: Sentence, cue: Word, content: tuple[int, int]) -> tuple[int, int] | None:
    subject = _subject(sentence, cue) or _place_of_speaking(sentence, cue)
    if subject is not None:
        words = [w for w in _phrase(sentence, subject) if not (content[0] <= w.start < content[1])]
        words = _trim(words)
        if words:
            return words[0].start, words[-1].end
    return surface_source(sentence, cue, content, LANGUAGE)


def _subject(sentence: Sentence, cue: Word) -> Word | None:
    for word in (cue, *([sentence.words[cue.head]] if cue.head is not None and cue.rel == "conj" else [])):
        subject = next((c for c in sentence.children(word) if c.rel in ("nsubj", "nsubj:pass")), None)
        if subject is not None:
            return subject
    return None


def _place_of_speaking(sentence: Sentence, cue: Word) -> Word | None:
    """ "В МИД Кестрии эти сведения опровергли": an impersonal plural speaks for the institution "в" it."""
    if cue.form == "Conv":
        return None
    for child in sentence.children(cue):
        markers = [w.lemma for w in sentence.children(child) if w.rel == "case"]
        named = [child, *(w for w in sentence.children(child) if w.rel == "amod")]  # "В Национальном ... бюро"
        if child.rel == "obl" and markers in (["в"], ["во"]) and any(w.text[:1].isupper() for w in named):
            return child
    return None


def object_of(sentence: Sentence, cue: Word) -> tuple[int, int] | None:
    """What a denial, accusation or naming acts on: the cue's ``obj`` with its ``xcomp`` and ``obl`` ("в ...")."""
    parts = [c for c in sentence.children(cue) if c.rel in ("obj", "xcomp", "iobj")]
    if not any(part.rel == "obj" for part in parts):
        return None
    parts += [c for c in sentence.children(cue) if c.rel == "obl" and c.index > cue.index and c.case != "Nom"]
    words = sorted({w.index: w for part in parts for w in sentence.subtree(part)}.values(), key=lambda w: w.index)
    words = _trim([w for w in words if w.text not in (".", "!", "?")])
    return (words[0].start, words[-1].end) if words else None


def _phrase(sentence: Sentence, head: Word) -> list[Word]:
    """The subject with the words that name it: "пресс-секретарь президента Валдории Олег Варин"."""
    words = {head.index}
    frontier = [head]
    while frontier:
        word = frontier.pop()
        for child in sentence.children(word):
            if child.rel in _SUBJECT_PARTS and child.index not in words:
                words.add(child.index)
                frontier.append(child)
    return [w for w in sentence.words if w.index in words]


def _trim(words: list[Word]) -> list[Word]:
    """Contiguous from the head's side, without edge punctuation."""
    while words and words[0].pos == "PUNCT":
        words.pop(0)
    while words and words[-1].pos == "PUNCT":
        words.pop()
    return words
