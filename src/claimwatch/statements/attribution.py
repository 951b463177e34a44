"""Finding attributions in a parsed document: cue, source mention and content spans.

Rules over spaCy's dependency parse, one per construction:

- a speech verb with a clausal complement: "X said (that) ..." and "..., X said";
- a speech verb in a side clause of a quote: "He said, "..."" / ""...," he added";
- a reported act with an object: "accused North Korea of sending troops", "dismissed them as ...";
- "according to X, ...";
- evidence verbs with a non-source subject: "The latest developments suggest ..." (the outlet's voice);
- documents are not voices: "Amnesty's report said ..." is Amnesty's statement, "a report by the U.N.
  found ..." the U.N.'s; a document with no author ("the report said", "first reports of combat
  suggest") is relayed in the outlet's voice, and so is a count of people ("91 percent of them said").

Quotes adjacent to a cue become its content, across sentences and paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claimwatch.nlp.views import doc_text, entity_at
from claimwatch.statements import lexicon
from claimwatch.statements.quotes import Quote, find_quotes

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLAUSES = ("ccomp", "xcomp")
EDGE_PUNCT = set(",;:—–-") | {"--"}


@dataclass
class Attribution:
    """Spans (character offsets into ``doc.text``) of one attribution before resolution."""

    sentence: Span
    cue: Span
    cue_lemma: str
    source: Span | None  # the mention, as written ("he", "the Kremlin")
    source_head: Token | None
    content_start: int
    content_end: int
    rule: str  # which construction found it
    outlet_voice: bool = False


def find_attributions(doc: Doc, quotes: list[Quote] | None = None) -> list[Attribution]:
    quotes = find_quotes(doc.text) if quotes is None else quotes
    found: list[Attribution] = []
    for sentence in doc.sents:
        found.extend(_in_sentence(sentence, quotes))
    return _drop_overlapping(found)


def _in_sentence(sentence: Span, quotes: list[Quote]) -> list[Attribution]:
    results = []
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            attribution = _according_to(token, sentence)
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon.SPEECH_VERBS | lexicon.ACT_VERBS:
            attribution = _speech_verb(token, sentence, quotes)
        else:
            continue
        if attribution is not None and attribution.content_end > attribution.content_start:
            results.append(_document_voice(attribution))
    return results


def _document_voice(attribution: Attribution) -> Attribution:
    """A document's words are its author's, or else the outlet's (which relays them)."""
    head = attribution.source_head
    if head is not None and (head.pos_ == "NUM" or head.lemma_.lower() in lexicon.SHARE_NOUNS):
        return replace(attribution, outlet_voice=True)  # "91 percent of them said": a count, not a voice
    if head is None or attribution.outlet_voice or not _is_document(head):
        return attribution
    author = _document_author(head)
    if author is None:
        return replace(attribution, outlet_voice=True)
    return replace(attribution, source=_mention(author), source_head=author)


def _document_author(document: Token) -> Token | None:
    """ "Amnesty's report", "its research", "the OECD report", "a report by the U.N.", "data from the agency"."""
    for child in document.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "nmod") and _is_named(child)):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            author = next((t for t in child.children if t.dep_ == "pobj" and _is_named(t)), None)
            if author is not None:
                return author
    return None


def _is_document(token: Token) -> bool:
    return token.lemma_.lower() in lexicon.DOCUMENT_NOUNS


def _is_named(token: Token) -> bool:
    return token.ent_type_ in ("ORG", "GPE", "PERSON", "NORP") or token.pos_ == "PROPN"


# -- speech verbs -----------------------------------------------------------------------


def _speech_verb(cue: Token, sentence: Span, quotes: list[Quote]) -> Attribution | None:
    lemma = cue.lemma_.lower()
    if _inside_closed(cue, quotes):
        return None  # words inside a quote belong to the quoted speaker's statement
    trailing = _trailing_source(cue, sentence, quotes) if lemma in lexicon.SPEECH_VERBS else None
    if trailing is not None:
        return trailing
    subject = _subject_of(cue)
    if subject is not None and subject.lower_ in lexicon.NON_SOURCES and not _is_speaking_it(subject, cue):
        subject = None
    clause = next((child for child in cue.children if child.dep_ in CLAUSES and child.i > cue.i - 40), None)
    cue_span = _cue_span(cue)
    quote = _adjacent_quote(cue, sentence, quotes)
    if quote is not None and quote.start <= cue.idx < quote.end:
        quote = None
    source = _mention(subject) if subject is not None else None
    if lemma in lexicon.OUTLET_EVIDENCE_VERBS and subject is not None and _is_evidence(subject):
        content = _clause_or_object(cue, clause)
        if content is None:
            return None
        return Attribution(sentence, cue_span, lemma, source, subject, *content, rule="outlet", outlet_voice=True)
    if subject is None or (lemma not in lexicon.SPEECH_VERBS and lemma not in lexicon.ACT_VERBS):
        return None
    if _is_evidence(subject) and lemma not in ("report", "show", "find") and not _is_document(subject):
        return None  # "prices rose, traders said" is not the prices' statement; "the report said" is relayed
    if quote is not None and (clause is None or _inside(clause, quote) or cue.dep_ in ("parataxis", "advcl")):
        end = _continued_quote_end(quote, quotes, doc_text(cue.doc), sentence.end_char)
        return Attribution(sentence, cue_span, lemma, source, subject, quote.start, end, rule="quote")
    if clause is not None and not (clause.dep_ == "xcomp" and lemma in ("say", "tell")):
        start, end = _subtree_chars(clause, exclude=cue)
        start, end = _extend_to_quotes(start, end, quotes)
        return Attribution(sentence, cue_span, lemma, source, subject, start, end, rule="clause")
    if cue.dep_ in ("parataxis", "ccomp", "conj") and cue.head.i != cue.i and lemma in lexicon.SPEECH_VERBS:
        start, end = _rest_of_sentence(sentence, cue)
        start, end = _extend_to_quotes(start, end, quotes)
        return Attribution(sentence, cue_span, lemma, source, subject, start, end, rule="side")
    if lemma in lexicon.PREPOSITIONAL_CUES:
        content = _prepositional_object(cue, lexicon.PREPOSITIONAL_CUES[lemma])
        if content is not None:
            return Attribution(sentence, cue_span, lemma, source, subject, *content, rule="act")
    if lemma in lexicon.ACT_VERBS or lemma in _OBJECT_CUES:
        content = _act_object(cue)
        if content is not None:
            start, end = _extend_to_quotes(*content, quotes)
            return Attribution(sentence, cue_span, lemma, source, subject, start, end, rule="act")
    return None


def _trailing_source(cue: Token, sentence: Span, quotes: list[Quote]) -> Attribution | None:
    """ "CONTENT, the NIS here said Wednesday." and "CONTENT, said the minister.": the source follows a comma.

    The small parser often takes a noun inside CONTENT for the subject here, so the comma decides.
    """
    doc = cue.doc
    if any(child.dep_ == "ccomp" and child.i > cue.i for child in cue.children):
        return None  # "During a hearing, X said that ...": the complement after the cue is the content
    tail = [t for t in doc[cue.i + 1 : sentence.end] if not (t.is_punct or t.is_space)]
    comma = next((t for t in reversed(doc[sentence.start : cue.i]) if t.text in (",", "—", "--")), None)
    if comma is None or comma.i - sentence.start < 4:
        return None
    if any(comma.idx < q.end <= comma.idx + 2 for q in quotes):
        return None  # ""...," he said": the quote rule takes the whole quote
    between = [t for t in doc[comma.i + 1 : cue.i] if not (t.is_punct or t.is_space)]
    nominals = [t for t in between if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ != "npadvmod"]
    if (
        nominals
        and all(
            t.pos_ in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "ADV", "AUX", "PART", "PUNCT", "NUM", "ADP")
            or t.ent_type_
            for t in between
        )
        and _is_short_tail(tail)
    ):
        head = _phrase_head(doc[between[0].i : between[-1].i + 1])
    elif not between and tail and _is_inverted(cue, tail):
        nominal_tail = doc[cue.i + 1 : sentence.end]
        nouns = [t for t in nominal_tail if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if not nouns:
            return None
        head = _phrase_head(nominal_tail)
    else:
        return None
    if head is None or head.lower_ in lexicon.NON_SOURCES:
        return None
    start, end = _trim(doc_text(doc), sentence.start_char, comma.idx)
    start, end = _extend_to_quotes(start, end, quotes)
    return Attribution(sentence, _cue_span(cue), cue.lemma_.lower(), _mention(head), head, start, end, rule="trailing")


def _is_speaking_it(subject: Token, cue: Token) -> bool:
    """ "It said", ""...," it added": "it" standing for an organisation that speaks (not "it seems")."""
    return subject.lower_ == "it" and subject.dep_ == "nsubj" and cue.lemma_.lower() in CORE_SPEECH


def _is_inverted(cue: Token, tail: list[Token]) -> bool:
    """ "..., said the minister.": a bare noun phrase after the cue, and no subject before it."""
    subject = _subject_of(cue)
    if subject is not None and subject.i < cue.i:
        return False
    return len(tail) <= 12 and not any(t.pos_ in ("VERB", "AUX") for t in tail)


def _is_short_tail(tail: list[Token]) -> bool:
    """After the cue only a time or place: "said Wednesday.", "said in a statement."."""
    return len(tail) <= 8 and not any(t.pos_ == "VERB" for t in tail)


def _phrase_head(tokens: Span) -> Token | None:
    """The head of a short noun phrase: the token whose head lies outside it."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    nominal = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if nominal:
        return nominal[0]
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return nouns[-1] if nouns else None


def _inside_any(token: Token, quotes: list[Quote]) -> bool:
    return any(q.start < token.idx < q.end - 1 for q in quotes)


def _inside_closed(token: Token, quotes: list[Quote]) -> bool:
    """Inside a quote whose both marks were found (an unbalanced mark proves nothing)."""
    return any(q.closed and q.start < token.idx < q.end - 1 for q in quotes)


_OBJECT_CUES = frozenset(["call", "describe", "note", "recall", "cite", "stress", "acknowledge", "admit", "tell"])


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares ("..., saying ...", "smiled and said", "declined to say")."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECTS:
                return child
            if child.dep_ == "agent":
                objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.dep_ in ("conj", "xcomp", "advcl", "acl") and current.head.i != current.i:
            if current.dep_ == "advcl" and current.tag_ != "VBG":
                return None
            current = current.head
        else:
            return None
    return None


def _cue_span(cue: Token) -> Span:
    """The cue with its particles and auxiliaries: "has said", "pointed out"."""
    doc = cue.doc
    start, end = cue.i, cue.i + 1
    for child in cue.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < cue.i and child.i >= cue.i - 3:
            start = min(start, child.i)
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
    return doc[start:end]


def _mention(head: Token) -> Span:
    """The source's words: the head's left modifiers and a named entity it is part of."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("prep",) and child.lower_ in ("of", "for", "at", "with", "from") and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ in ("compound", "flat") or (child.dep_ == "punct" and child.text == "-"):
            end = max(end, child.i + 1)
    if head.ent_iob_ != "O":
        entity = entity_at(head)
        if entity is not None:
            start, end = min(start, entity.start), max(end, entity.end)
    while start < end and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _is_evidence(subject: Token) -> bool:
    """A subject that is evidence, not a voice: "developments", "the data" (no person, group, name or author)."""
    if subject.ent_type_ or subject.pos_ in ("PROPN", "PRON"):
        return False
    lemma = subject.lemma_.lower()
    if lemma in lexicon.DOCUMENT_NOUNS:
        return _document_author(subject) is None  # "the OECD report": the OECD speaks (_document_voice)
    return lemma not in lexicon.ROLE_NOUNS and lemma not in lexicon.ORGANIZATION_NOUNS and lemma not in _VOICE_NOUNS


_VOICE_NOUNS = frozenset(
    [
        "source",
        "sources",
        "official",
        "officials",
        "people",
        "person",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "witness",
        "witnesses",
        "resident",
        "residents",
        "diplomat",
        "diplomats",
        "observer",
        "observers",
        "critic",
        "critics",
        "supporter",
        "supporters",
        "media",
        "newspaper",
        "outlet",
    ]
)


def _inside(token: Token, quote: Quote) -> bool:
    return quote.start <= token.idx < quote.end


def _adjacent_quote(cue: Token, sentence: Span, quotes: list[Quote]) -> Quote | None:
    """A quote ending just before the cue's clause or starting just after it."""
    clause_start, clause_end = _cue_clause_chars(cue, quotes)
    text = doc_text(cue.doc)
    for quote in quotes:
        if (
            quote.end <= clause_start
            and _only_punct(text[quote.end : clause_start])
            and quote.end > sentence.start_char - 1
        ):
            return quote
        gap = text[clause_end : quote.start]
        if (
            quote.start >= clause_end
            and _only_punct(gap)
            and (":" in gap or "," in gap)
            and quote.start < sentence.end_char
        ):
            return quote
        if (
            quote.start < sentence.start_char
            and sentence.start_char <= quote.end <= clause_start
            and _only_punct(text[quote.end : clause_start])
        ):
            return quote
    return None


def _cue_clause_chars(cue: Token, quotes: list[Quote] = ()) -> tuple[int, int]:
    """Characters of the cue and its subject, adverbs and venue, without its complement or quotes."""
    tokens = [cue]
    for child in cue.children:
        if child.dep_ in CLAUSES or child.dep_ == "punct" or _inside_any(child, quotes):
            continue
        if child.dep_ in ("advcl", "conj", "parataxis") and any(g.dep_ in SUBJECTS for g in child.children):
            continue  # another clause with its own subject ("..., while the Kremlin dismissed ...")
        tokens.extend(t for t in child.subtree if not _inside_any(t, quotes))
    quotes_free = [t for t in tokens if t.text not in ('"', "“", "”")]
    first, last = min(t.i for t in quotes_free), max(t.i for t in quotes_free)
    doc = cue.doc
    return doc[first].idx, doc[last].idx + len(doc[last])


def _only_punct(text: str) -> bool:
    return all(not char.isalnum() for char in text) and len(text) <= 6


def _subtree_chars(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    tokens = [t for t in token.subtree if exclude is None or t.i != exclude.i]
    doc = token.doc
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    while first < last and (doc[first].text in EDGE_PUNCT or doc[first].is_space):
        first += 1
    while last > first and (doc[last].text in EDGE_PUNCT or doc[last].is_space or doc[last].text == "."):
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _extend_to_quotes(start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    """A content that cuts a quote in two takes the whole quote's edge on that side."""
    for quote in quotes:
        if quote.start < start < quote.end <= end + 2 and start - quote.start <= 2:
            start = quote.start
        if start <= quote.start < end < quote.end and quote.end - end <= 2:
            end = quote.end
    return start, end


def _rest_of_sentence(sentence: Span, cue: Token) -> tuple[int, int]:
    """The sentence without the cue's clause: the side that is not the cue's."""
    clause_start, clause_end = _cue_clause_chars(cue)
    before = (sentence.start_char, clause_start)
    after = (clause_end, sentence.end_char)
    start, end = before if before[1] - before[0] >= after[1] - after[0] else after
    return _trim(doc_text(cue.doc), start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-."):
        end -= 1
    return start, end


def _clause_or_object(cue: Token, clause: Token | None) -> tuple[int, int] | None:
    if clause is not None:
        return _subtree_chars(clause, exclude=cue)
    objects = [child for child in cue.children if child.dep_ in ("dobj", "attr", "prep")]
    if not objects:
        return None
    start, _ = _subtree_chars(objects[0])
    _, end = _subtree_chars(objects[-1])
    return start, end


def _continued_quote_end(quote: Quote, quotes: list[Quote], text: str, cue_sentence_end: int) -> int:
    """ ""X," said Y, a Z. "W."": the quote that opens right after the cue's sentence goes on, and so
    do quotes after it with nothing but punctuation between, all in one paragraph."""
    end = quote.end
    for following in (q for q in quotes if q.start >= quote.end):
        gap = text[end : following.start]
        if "\n" in gap:
            break
        first = end == quote.end
        if first and quote.end < cue_sentence_end and following.start <= cue_sentence_end + 2:
            end = following.end  # the cue clause sits between the two parts
        elif re.search(r"\w", gap):
            break
        else:
            end = following.end
    return end


def _is_audience(token: Token) -> bool:
    return token.pos_ == "PRON" or token.ent_type_ in ("PERSON", "NORP", "ORG") or token.lemma_.lower() in _AUDIENCES


_AUDIENCES = frozenset(
    [
        "reporter",
        "journalist",
        "audience",
        "crowd",
        "supporter",
        "voter",
        "crowd",
        "listener",
        "viewer",
        "reader",
        "host",
    ]
)


def _prepositional_object(cue: Token, prepositions: tuple[str, ...]) -> tuple[int, int] | None:
    """ "called [for an investigation]", "commented [on the report]": the object of the preposition."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in prepositions and child.i > cue.i:
            objects = [grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")]
            if objects:
                return _subtree_chars(objects[0])
    return None


def _act_object(cue: Token) -> tuple[int, int] | None:
    """ "accused [North Korea of sending troops]", "expressed [its concerns over ...]"."""
    objects = [child for child in cue.children if child.dep_ in ("dobj", "dative")]
    if not objects:
        return None
    if cue.lemma_.lower() == "tell" and _is_audience(objects[0]):
        return None  # "told reporters": whom, not what
    if cue.lemma_.lower() in ("express", "voice", "raise") and objects[0].lemma_.lower() not in lexicon.EXPRESSED_NOUNS:
        return None
    complements = [
        child
        for child in cue.children
        if (
            child.i > objects[0].i
            and (child.dep_ in ("prep", "oprd", "xcomp", "ccomp") and child.lower_ not in ("on", "during", "in", "at"))
        )
        or (child.dep_ == "prep" and child.lower_ in ("as", "of", "for", "over", "to"))
    ]
    last = max([objects[-1], *complements], key=lambda t: t.right_edge.i)
    start, _ = _subtree_chars(objects[0])
    _, end = _subtree_chars(last)
    return start, end


# -- according to ------------------------------------------------------------------------


def _according_to(according: Token, sentence: Span) -> Attribution | None:
    to = according.doc[according.i + 1]
    objects = [child for child in to.children if child.dep_ == "pobj"] or [
        child for child in according.children if child.dep_ == "pobj"
    ]
    if not objects:
        return None
    phrase_start = according.i
    phrase_end = max(according.right_edge.i, to.right_edge.i) + 1
    doc = according.doc
    cue = doc[according.i : according.i + 2]
    before = (sentence.start_char, doc[phrase_start].idx)
    after = (doc[phrase_end - 1].idx + len(doc[phrase_end - 1]), sentence.end_char)
    start, end = before if before[1] - before[0] >= after[1] - after[0] else after
    start, end = _trim(doc_text(doc), start, end)
    return Attribution(sentence, cue, "according to", _mention(objects[0]), objects[0], start, end, rule="according")


def _drop_overlapping(found: list[Attribution]) -> list[Attribution]:
    """One attribution per cue. A cue inside another's content stays only if it is a verb of saying
    ("X said Y had told him ..."): "X said Kestria would defend its ally" holds no statement by Kestria."""
    seen: set[int] = set()
    kept = []
    for attribution in found:
        if attribution.cue.start in seen:
            continue
        inside = any(
            other is not attribution and other.content_start <= attribution.cue.start_char < other.content_end
            for other in found
        )
        if inside and attribution.cue_lemma not in CORE_SPEECH:
            continue
        seen.add(attribution.cue.start)
        kept.append(attribution)
    return kept


# Verbs of saying proper: they carry a statement even inside another one's content.
CORE_SPEECH = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "claim",
        "announce",
        "report",
        "write",
        "tweet",
        "insist",
        "reiterate",
        "warn",
        "assert",
        "allege",
        "deny",
        "confirm",
        "acknowledge",
        "admit",
        "explain",
        "note",
        "argue",
        "accuse",
        "according",
        "to",
    ]
) | {"according to"}
