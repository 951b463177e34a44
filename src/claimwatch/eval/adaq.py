"""Russian attribution on ADAQ (Ustinova 2023): source, cue and content tags per token.

Data: ``data/ru_sentences.tsv`` (sentence, sentence_id) and ``data/ru_tokens.tsv`` (lemma, text,
sentence id, token index, tag in source / cue / content / None), 208 sentences from UD SynTagRus,
100 with a quotation. Each sentence is an article of its own to the Russian pipeline
(``stance.languages.russian``); a token gets the tag of the predicted span it lies in (a source
or cue inside a content span keeps its own tag). ADAQ follows PARC: the complementiser ("что") belongs to the
content, so a "что" right before a predicted content counts as content.

Measures: token-level precision, recall and F1 per tag (the thesis's measure), over all tokens
including punctuation, and sentence-level quote detection (a sentence has a quotation when any of
its tokens is tagged). ADAQ is one released set with no split: ``split`` carves it by a hash of
the sentence id into ``dev`` (a third, for tuning) and ``test`` (the rest, reported).
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from claimwatch.errors import Errors, StoreError
from claimwatch.eval.metrics import counted_scores
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.records import Article

TAGS = ("source", "cue", "content")
SPLITS = ("dev", "test", "all")
_COMPLEMENTISERS = {"что", "чтобы"}


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    text: str
    tokens: tuple[tuple[str, str], ...]  # (text, gold tag)


def split_of(sentence_id: str) -> str:
    """A third of the sentences for tuning ("dev"), the rest for reporting ("test")."""
    return "dev" if int(hashlib.sha256(sentence_id.encode()).hexdigest(), 16) % 3 == 0 else "test"


def read_adaq(folder: Path, split: str = "test") -> list[Sentence]:
    data = folder / "data"
    try:
        with open(data / "ru_sentences.tsv", encoding="utf-8", newline="") as handle:
            texts = {row["sentence_id"]: row["sentences"] for row in csv.DictReader(handle, delimiter="\t")}
        with open(data / "ru_tokens.tsv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, KeyError, csv.Error) as error:
        missing = "data/ru_sentences.tsv and data/ru_tokens.tsv"
        raise StoreError(Errors.E302.format(path=folder, missing=missing)) from error
    sentences = []
    for sentence_id, group in groupby(rows, key=lambda row: row["sentence_num"]):
        if split != "all" and split_of(sentence_id) != split:
            continue
        tokens = tuple((row["text"], row["tags"]) for row in group)
        sentences.append(Sentence(sentence_id, texts[sentence_id], tokens))
    return sentences


@dataclass
class AdaqScores:
    split: str
    sentences: int = 0
    counts: dict[str, Counter] = field(default_factory=lambda: {tag: Counter() for tag in TAGS})
    quotes: Counter = field(default_factory=Counter)
    sentences_per_second: float = 0.0

    def add(self, gold: list[str], predicted: list[str]) -> None:
        for tag in TAGS:
            for g, p in zip(gold, predicted, strict=True):
                self.counts[tag]["tp"] += g == tag and p == tag
                self.counts[tag]["fp"] += g != tag and p == tag
                self.counts[tag]["fn"] += g == tag and p != tag
        has_gold, has_predicted = any(t != "None" for t in gold), any(t != "None" for t in predicted)
        self.quotes["tp"] += has_gold and has_predicted
        self.quotes["fp"] += has_predicted and not has_gold
        self.quotes["fn"] += has_gold and not has_predicted

    def to_json(self) -> dict:
        return {
            "split": self.split,
            "sentences": self.sentences,
            **{tag: _prf(self.counts[tag]) for tag in TAGS},
            "quote_detection": _prf(self.quotes),
            "sentences_per_second": round(self.sentences_per_second, 1),
        }


def _prf(counts: Counter) -> dict:
    scores = counted_scores(counts["tp"], counts["fp"], counts["fn"])
    return {key: scores[key] for key in ("p", "r", "f1")}


def predicted_tags(sentence: Sentence, gazetteer: Gazetteer) -> list[str]:
    from claimwatch.stance.languages import russian

    article = Article(id=sentence.id, source="adaq", format="text", body=sentence.text, paragraphs=(), raw=b"",
                      language="ru")
    statements, _ = russian(article, gazetteer)
    spans = []  # (start, end, tag), later entries win: a speaker or cue inside a content span keeps its tag
    for statement in statements:
        spans.append((statement.content.start, statement.content.end, "content"))
    for statement in statements:
        if statement.speaker.mention:
            spans.append((statement.speaker.mention.start, statement.speaker.mention.end, "source"))
        if statement.cue:
            spans.append((statement.cue.start, statement.cue.end, "cue"))
    tags = []
    for start, end in token_offsets(sentence):
        tag = "None"
        for span_start, span_end, span_tag in spans:
            if span_start <= start and end <= span_end:
                tag = span_tag
        tags.append(tag)
    for index, (text, _) in enumerate(sentence.tokens[:-1]):
        if text.lower() in _COMPLEMENTISERS and tags[index + 1] == "content" and tags[index] == "None":
            tags[index] = "content"
    return tags


def token_offsets(sentence: Sentence) -> list[tuple[int, int]]:
    """Where each gold token lies in the sentence text (tokens are in order; spacing may differ)."""
    offsets, position = [], 0
    for text, _ in sentence.tokens:
        found = sentence.text.find(text, position)
        if found < 0:  # a token the text spells otherwise: give it an empty place where we are
            offsets.append((position, position))
            continue
        offsets.append((found, found + len(text)))
        position = found + len(text)
    return offsets


def evaluate_adaq(folder: Path, split: str = "test", gazetteer: Gazetteer | None = None) -> AdaqScores:
    gazetteer = gazetteer or load_gazetteer()
    sentences = read_adaq(folder, split)
    scores = AdaqScores(split, len(sentences))
    spent = 0.0
    for sentence in sentences:
        started = time.perf_counter()
        predicted = predicted_tags(sentence, gazetteer)
        spent += time.perf_counter() - started
        scores.add([tag for _, tag in sentence.tokens], predicted)
    scores.sentences_per_second = len(sentences) / spent if spent else 0.0
    return scores


__all__ = ["AdaqScores", "evaluate_adaq", "predicted_tags", "read_adaq", "split_of"]
