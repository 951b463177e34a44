"""Attribution extraction (who said what) on PolNeAR, beside textacy's direct quotations.

Data: a PolNeAR split folder holds ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann``
(brat standoff). T lines give typed spans (``Source``, ``Cue``, ``Content``, ``Attribution``...),
E lines link them into one attribution (``Attribution:T4 Content:T3 Cue:T2 Source:T1``).

Gold, as read here:

* Content, Cue and Source are the linked spans; ``Content2`` is a second content fragment of the
  same attribution, and a fragmented span ("2103 2168;2170 2425") keeps all its fragments. A
  role's fragments are merged into one sorted union and every measure below counts all of them.
* E lines without a Content are not gold targets; neither are T spans labelled ``Discard`` or
  ``Discuss`` (an E line that links one simply loses that role). ``Attribution-no-source`` entries
  are gold targets with no Source. Identical E lines in one file count once.
* Texts annotated by several annotators count once: the annotation whose annotator id is
  lexicographically first is used and the others are ignored.

Measures, micro-averaged over all documents (0.0 when a denominator is 0):

* Words are the ``\\w+`` runs of the document text, identified by character position; a span
  contains a word when they share at least one character. Punctuation and spaces are not words.
* ``content_exact``: the predicted content contains the same words as the gold content, so the two
  may differ only in punctuation and spaces (quote marks, a closing comma).
* ``content_overlap``: |words(gold) ∩ words(pred)| / max(|words(gold)|, |words(pred)|) >= 0.5.
  Each measure pairs gold and predictions one-to-one, greedily, best ratio first.
* ``source_match``: share of the overlap-matched pairs whose predicted speaker mention shares a word
  with the gold Source; pairs whose gold has no Source are left out. PolNeAR marks the words in the
  attribution itself, pronouns and descriptions included ("he", "the source"), and does not
  resolve them; so a pronoun gold source is matched by a mention of that pronoun, and the speaker's
  resolved entity (``Speaker.resolved_from``) is not consulted.
* ``cue_match``: likewise, predicted cue span shares a word with the gold Cue (pairs without a
  gold Cue are left out).

Subsets, each scored from the same one-to-one pairing over all attributions of a document: recall
counts the gold items of the subset that were matched, precision the predictions of the subset
that were matched (to any gold item), source and cue match the matched pairs whose gold is in it.

* ``speech``: the cue is a speech or reporting verb. A gold cue is speech when a word of it (its
  spaCy lemma or its lower-cased form) is in ``SPEECH_CUE_LEMMAS`` or it contains a phrase of
  ``SPEECH_CUE_PHRASES``; a prediction is speech when its ``cue_lemma`` is, by the same test.
* ``direct_quotes``: a gold content is a direct quote (``is_direct_quote``) when it has a double
  quote mark (``"“”„‟«»″`` or the ``''`` of some wire copy) at both ends: at its start it begins
  with one or the nearest non-space character before it is one; at its end it ends with one
  (trailing ``.,;:!?`` aside) or the nearest character after it that is not a space or ``.,;:!?``
  is one. So ``"We will," she said`` is one, ``the plan was "a mess"`` (mixed) is not. On the
  prediction side each system's own claim counts: every textacy triple (it extracts direct
  quotations only) and claimwatch's statements of kind ``"direct"``. ``peer_textacy`` is textacy
  0.13's ``textacy.extract.triples.direct_quotations`` scored on this subset, and the
  ``direct_quotes`` key is claimwatch on the same subset in the same run. textacy gives up on a
  document with an odd number of quote marks (it raises ``ValueError``); such a document counts
  with no textacy predictions (its gold quotes stay in the recall denominator) and is reported in
  ``peer_textacy_failed_documents``.

Predictions: every ``Statement`` the extractor returns is scored, nested ones (``parent_id`` set)
and those in the outlet's voice included. Filtering them would hide true positives: on PolNeAR dev
some of both match gold attributions (of an outer and an inner attribution PolNeAR, being
univocal, keeps one, and not always the outer; "records show that ..." is an attribution to the
records). A statement without a speaker mention never matches a Source.

Each text is parsed once with spaCy and the same ``Doc`` goes to claimwatch and to textacy.
``documents_per_second`` is claimwatch's throughput: spaCy parse plus statement extraction.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from claimwatch.errors import Errors, StoreError
from claimwatch.eval.metrics import f1
from claimwatch.records import Statement

Fragments = tuple[tuple[int, int], ...]  # sorted, non-overlapping (start, end) character ranges
Extractor = Callable[..., list[Statement]]  # statements_from_text(text, nlp, doc=...)

OVERLAP_THRESHOLD = 0.5
SPEECH_CUE_LEMMAS = frozenset(
    {
        # saying and writing
        "say", "tell", "add", "write", "state", "note", "explain", "declare", "comment", "remark", "mention",
        "speak", "talk", "tweet", "post", "email", "quote", "cite", "recall", "describe", "call",
        # reporting and announcing
        "report", "announce", "confirm", "disclose", "reveal", "inform", "testify", "proclaim",
        # arguing, claiming, conceding
        "claim", "argue", "suggest", "assert", "allege", "contend", "maintain", "insist", "reiterate", "stress",
        "emphasize", "acknowledge", "admit", "concede", "deny", "dispute", "accuse", "charge", "criticize",
        "complain",
        # asking and answering
        "ask", "question", "demand", "request", "respond", "reply", "answer", "retort", "counter",
        # warning and promising
        "warn", "caution", "urge", "threaten", "promise", "vow", "pledge", "predict",
        # manner of speaking
        "quip", "joke", "boast", "brag", "exclaim", "shout", "yell", "whisper",
    }
)
SPEECH_CUE_PHRASES = ("according to", "point out")
DOUBLE_QUOTES = frozenset('"“”„‟«»″')
_EDGE_PUNCTUATION = ".,;:!?"
_WORD = re.compile(r"\w+")
_ROLE_SUFFIX = re.compile(r"\d+$")  # Content2 is a second Content fragment
_IGNORED_TYPES = frozenset({"Discard", "Discuss"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution as character fragments of the document text (gold or predicted)."""

    content: Fragments
    cue: Fragments = ()
    source: Fragments = ()
    cue_lemma: str | None = None  # predictions only: the extractor's lemma of the cue
    kind: str | None = None  # predictions only: "direct" | "indirect" | "mixed" | "reported_act"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    annotator: str
    text: str
    attributions: tuple[Attribution, ...]


# Reading brat standoff


def merge_fragments(fragments: Iterable[tuple[int, int]]) -> Fragments:
    """The sorted union of character ranges (touching or overlapping ranges become one)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(f for f in fragments if f[1] > f[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _text_bound(fields: list[str]) -> tuple[str, Fragments] | None:
    """(type, fragments) of a T line's fields, None when the line is not a well-formed T line."""
    kind, _, offsets = fields[1].partition(" ")
    try:
        pairs = [tuple(int(n) for n in part.split()) for part in offsets.split(";")]
    except ValueError:
        return None
    if not kind or any(len(pair) != 2 for pair in pairs):
        return None
    return kind, merge_fragments(pairs)


def read_ann(ann_text: str) -> list[Attribution]:
    """Gold attributions of one .ann file, in E-line order (content-less and duplicate ones dropped)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann_text.splitlines():  # continuation lines of multi-line T texts match neither case
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T") and (bound := _text_bound(fields)):
            spans[fields[0]] = bound
        elif fields[0].startswith("E"):
            events.append([tuple(arg.split(":", 1)) for arg in fields[1].split() if ":" in arg])
    attributions = [_attribution(arguments, spans) for arguments in events]
    return list(dict.fromkeys(a for a in attributions if a.content))


def _attribution(arguments: list[tuple[str, str]], spans: dict[str, tuple[str, Fragments]]) -> Attribution:
    roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
    for role, span_id in arguments:
        kind, fragments = spans.get(span_id, ("", ()))
        base_role = _ROLE_SUFFIX.sub("", role)
        if base_role in roles and kind not in _IGNORED_TYPES:
            roles[base_role].extend(fragments)
    return Attribution(*(merge_fragments(roles[r]) for r in ("Content", "Cue", "Source")))


def _annotations_by_text(attributions_dir: Path, text_names: set[str]) -> dict[str, tuple[str, Path]]:
    """text name -> (annotator, .ann path), keeping the lexicographically first annotator of each text."""
    chosen: dict[str, tuple[str, Path]] = {}
    for path in sorted(attributions_dir.glob("*.ann")):
        name, annotator = path.stem, ""
        if name not in text_names:
            name, _, annotator = path.stem.rpartition("_")
        if name in text_names and (name not in chosen or annotator < chosen[name][0]):
            chosen[name] = (annotator, path)
    return chosen


def _read_exactly(path: Path) -> str:
    """The file's characters as brat counts them (no newline translation)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def read_polnear(folder: Path, limit: int | None = None) -> list[GoldDocument]:
    """The split's annotated texts sorted by name (the first ``limit`` of them), one annotation each."""
    text_dir, attributions_dir = folder / "text", folder / "attributions"
    for path in (text_dir, attributions_dir):
        if not path.is_dir():
            raise StoreError(Errors.E302.format(path=folder, missing=f"{path.name}/ folder"))
    text_names = {path.stem for path in text_dir.glob("*.txt")}
    chosen = sorted(_annotations_by_text(attributions_dir, text_names).items())[:limit]
    return [
        GoldDocument(
            name=name,
            annotator=annotator,
            text=_read_exactly(text_dir / f"{name}.txt"),
            attributions=tuple(read_ann(_read_exactly(ann_path))),
        )
        for name, (annotator, ann_path) in chosen
    ]


# Words, overlap and subsets


class WordIndex:
    """The ``\\w+`` words of a text by character position, to turn fragments into word sets."""

    def __init__(self, text: str) -> None:
        matches = list(_WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def words(self, fragments: Fragments) -> frozenset[int]:
        """Indices of the words sharing at least one character with the fragments."""
        found: set[int] = set()
        for start, end in fragments:
            found.update(range(bisect_right(self.ends, start), bisect_left(self.starts, end)))
        return frozenset(found)


def overlap_ratio(gold_words: frozenset[int], predicted_words: frozenset[int]) -> float:
    longest = max(len(gold_words), len(predicted_words))
    return len(gold_words & predicted_words) / longest if longest else 0.0


def is_speech_cue(words: Sequence[str]) -> bool:
    """Whether cue words (lemmas or lower-cased forms) name a speech or reporting act."""
    lowered = [w.lower() for w in words]
    joined = " ".join(lowered)
    return any(w in SPEECH_CUE_LEMMAS for w in lowered) or any(p in joined for p in SPEECH_CUE_PHRASES)


def gold_cue_is_speech(cue: Fragments, doc: Doc) -> bool:
    tokens = [t for start, end in cue if (span := doc.char_span(start, end, alignment_mode="expand")) for t in span]
    return is_speech_cue([t.lemma_ for t in tokens if t.lemma_]) or is_speech_cue([t.text for t in tokens])


def predicted_cue_is_speech(attribution: Attribution) -> bool:
    return bool(attribution.cue_lemma) and is_speech_cue(attribution.cue_lemma.split())


def _starts_with_quote(text: str) -> bool:
    return text[:1] in DOUBLE_QUOTES or text.startswith("''")


def _ends_with_quote(text: str) -> bool:
    return text[-1:] in DOUBLE_QUOTES or text.endswith("''")


def is_direct_quote(text: str, content: Fragments) -> bool:
    """Whether a gold content is a verbatim quote: quote marks at (or right outside) both of its ends."""
    if not content:
        return False
    start, end = content[0][0], content[-1][1]
    inner = text[start:end].strip()
    opens = _starts_with_quote(inner) or _ends_with_quote(text[:start].rstrip())
    closes = _ends_with_quote(inner.rstrip(_EDGE_PUNCTUATION)) or _starts_with_quote(
        text[end:].lstrip(" \t\n" + _EDGE_PUNCTUATION)
    )
    return bool(inner) and opens and closes


def claims_direct_quote(attribution: Attribution) -> bool:
    return attribution.kind == "direct"


# Matching and tallies


@dataclass(frozen=True)
class Matching:
    """One-to-one gold index -> predicted index pairs of one document."""

    exact: dict[int, int]
    overlap: dict[int, int]


def _greedy_pairs(candidates: list[tuple[float, int, int]]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, gold_index, predicted_index in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gold_index not in pairs and predicted_index not in taken:
            pairs[gold_index] = predicted_index
            taken.add(predicted_index)
    return pairs


def match(gold: Sequence[Attribution], predicted: Sequence[Attribution], words: WordIndex) -> Matching:
    gold_words = [words.words(g.content) for g in gold]
    predicted_words = [words.words(p.content) for p in predicted]
    ratios = [
        (overlap_ratio(g, p), gi, pi)
        for gi, g in enumerate(gold_words)
        for pi, p in enumerate(predicted_words)
        if g & p
    ]
    exact = [(ratio, gi, pi) for ratio, gi, pi in ratios if ratio == 1.0]
    overlap = [(ratio, gi, pi) for ratio, gi, pi in ratios if ratio >= OVERLAP_THRESHOLD]
    return Matching(exact=_greedy_pairs(exact), overlap=_greedy_pairs(overlap))


def _shares_a_word(gold: Fragments, predicted: Fragments, words: WordIndex) -> bool:
    return bool(words.words(gold) & words.words(predicted))


def _prf(matched_gold: int, gold: int, matched_predicted: int, predicted: int) -> dict[str, float]:
    precision = matched_predicted / predicted if predicted else 0.0
    recall = matched_gold / gold if gold else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1(precision, recall), 4)}


@dataclass
class Tally:
    """Counts of one system on one subset, summed over documents."""

    gold: int = 0
    predicted: int = 0
    exact_gold: int = 0  # gold items of the subset with an exact partner
    exact_predicted: int = 0  # predictions of the subset with an exact partner
    overlap_gold: int = 0
    overlap_predicted: int = 0
    source_hits: int = 0
    source_scored: int = 0
    cue_hits: int = 0
    cue_scored: int = 0

    def add(
        self,
        gold: Sequence[Attribution],
        predicted: Sequence[Attribution],
        matching: Matching,
        gold_in: Sequence[bool],
        predicted_in: Sequence[bool],
        words: WordIndex,
    ) -> None:
        """Add one document: ``gold_in``/``predicted_in`` say which items belong to the subset."""
        self.gold += sum(gold_in)
        self.predicted += sum(predicted_in)
        self.exact_gold += sum(gold_in[g] for g in matching.exact)
        self.exact_predicted += sum(predicted_in[p] for p in matching.exact.values())
        self.overlap_gold += sum(gold_in[g] for g in matching.overlap)
        self.overlap_predicted += sum(predicted_in[p] for p in matching.overlap.values())
        for gold_index, predicted_index in matching.overlap.items():
            if not gold_in[gold_index]:
                continue
            truth, guess = gold[gold_index], predicted[predicted_index]
            if truth.source:
                self.source_scored += 1
                self.source_hits += _shares_a_word(truth.source, guess.source, words)
            if truth.cue:
                self.cue_scored += 1
                self.cue_hits += _shares_a_word(truth.cue, guess.cue, words)

    def to_json(self) -> dict:
        return {
            "content_exact": _prf(self.exact_gold, self.gold, self.exact_predicted, self.predicted),
            "content_overlap": _prf(self.overlap_gold, self.gold, self.overlap_predicted, self.predicted),
            "source_match": round(self.source_hits / self.source_scored, 4) if self.source_scored else 0.0,
            "cue_match": round(self.cue_hits / self.cue_scored, 4) if self.cue_scored else 0.0,
        }


@dataclass
class AttributionScores:
    documents: int = 0
    all: Tally = field(default_factory=Tally)
    speech: Tally = field(default_factory=Tally)
    direct_quotes: Tally = field(default_factory=Tally)  # claimwatch on the subset textacy is scored on
    peer_textacy: Tally = field(default_factory=Tally)
    peer_textacy_failed_documents: int = 0
    documents_per_second: float = 0.0

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "all": self.all.to_json(),
            "speech": self.speech.to_json(),
            "peer_textacy": self.peer_textacy.to_json(),
            "direct_quotes": self.direct_quotes.to_json(),
            "peer_textacy_failed_documents": self.peer_textacy_failed_documents,
            "documents_per_second": round(self.documents_per_second, 2),
        }


# The two systems


def _fragments(span) -> Fragments:
    return ((span.start, span.end),) if span is not None else ()


def statement_attributions(statements: Iterable[Statement]) -> list[Attribution]:
    """claimwatch's statements as attributions (all of them: see the module docstring)."""
    return [
        Attribution(
            content=_fragments(s.content),
            cue=_fragments(s.cue),
            source=_fragments(s.speaker.mention),
            cue_lemma=s.cue_lemma,
            kind=s.kind,
        )
        for s in statements
    ]


def _token_fragments(tokens) -> Fragments:
    return merge_fragments((t.idx, t.idx + len(t.text)) for t in tokens)


def textacy_attributions(doc: Doc) -> list[Attribution] | None:
    """textacy's direct quotations as attributions; None when textacy gives up on the document."""
    from textacy.extract.triples import direct_quotations  # imported here: only this command needs it

    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # an odd number of quote marks
        return None
    return [
        Attribution(
            content=((t.content.start_char, t.content.end_char),),
            cue=_token_fragments(t.cue),
            source=_token_fragments(t.speaker),
            cue_lemma=" ".join(tok.lemma_ for tok in t.cue if tok.pos_ == "VERB") or None,
            kind="direct",
        )
        for t in triples
    ]


# Running the evaluation


def _score_document(
    scores: AttributionScores, document: GoldDocument, doc: Doc, ours: list[Attribution], peer: list[Attribution]
) -> None:
    gold = document.attributions
    words = WordIndex(document.text)
    everything_gold, everything_ours = [True] * len(gold), [True] * len(ours)
    gold_speech = [gold_cue_is_speech(g.cue, doc) for g in gold]
    gold_quotes = [is_direct_quote(document.text, g.content) for g in gold]
    our_matching = match(gold, ours, words)
    scores.all.add(gold, ours, our_matching, everything_gold, everything_ours, words)
    scores.speech.add(gold, ours, our_matching, gold_speech, [predicted_cue_is_speech(p) for p in ours], words)
    our_quotes = [claims_direct_quote(p) for p in ours]
    scores.direct_quotes.add(gold, ours, our_matching, gold_quotes, our_quotes, words)
    peer_quotes = [claims_direct_quote(p) for p in peer]
    scores.peer_textacy.add(gold, peer, match(gold, peer, words), gold_quotes, peer_quotes, words)


def evaluate_polnear(
    folder: Path, extractor: Extractor, nlp: Language | None = None, limit: int | None = None
) -> AttributionScores:
    """Score ``extractor`` (called as ``extractor(text, nlp, doc=doc)``) and textacy on a PolNeAR split."""
    if nlp is None:
        from claimwatch.nlp import load_nlp

        nlp = load_nlp()
    documents = read_polnear(folder, limit)
    scores = AttributionScores(documents=len(documents))
    spent = 0.0
    for document in documents:
        started = time.perf_counter()
        doc = nlp(document.text)
        ours = statement_attributions(extractor(document.text, nlp, doc=doc))
        spent += time.perf_counter() - started
        peer = textacy_attributions(doc)
        scores.peer_textacy_failed_documents += peer is None
        _score_document(scores, document, doc, ours, peer or [])
    scores.documents_per_second = len(documents) / spent if spent else 0.0
    return scores
