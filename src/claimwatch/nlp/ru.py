"""Russian: natasha (razdel sentences and tokens, slovnet morphology, UD syntax and names, navec).

Every model ships inside the natasha/slovnet/navec wheels; nothing is downloaded. The models
load once per process, on the first Russian article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from claimwatch.nlp.parsed import Name, ParsedText, Sentence, Word

_PARAGRAPH = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def load_models() -> dict[str, Any]:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return {
        "segmenter": Segmenter(),
        "vocab": MorphVocab(),
        "morph": NewsMorphTagger(embedding),
        "syntax": NewsSyntaxParser(embedding),
        "ner": NewsNERTagger(embedding),
    }


def parse(text: str) -> ParsedText:
    """Sentences (never across a line break), lemmas, UD parse and names of a Russian text.

    One natasha document for the whole text, so each model runs once over all its sentences.
    """
    from natasha import Doc
    from natasha.doc import DocSent, DocToken

    models = load_models()
    doc = Doc(text)
    doc.tokens = [DocToken(t.start, t.stop, t.text) for t in models["segmenter"].tokenize(text)]
    doc.sents = [
        DocSent(paragraph.start() + sent.start, paragraph.start() + sent.stop, sent.text)
        for paragraph in _PARAGRAPH.finditer(text)
        for sent in models["segmenter"].sentenize(paragraph.group())
    ]
    doc.envelop_sent_tokens()
    doc.sents = [sent for sent in doc.sents if sent.tokens]
    doc.tag_morph(models["morph"])
    doc.parse_syntax(models["syntax"])
    doc.tag_ner(models["ner"])
    sentences = [_sentence(sent, models) for sent in doc.sents]
    names = []
    for span in doc.spans:
        span.normalize(models["vocab"])
        name = _without_leading_genitive(Name(span.start, span.stop, span.text, span.type, span.normal or span.text),
                                         span.tokens)
        names.append(_whole_name(name, doc) if name.label == "PER" else name)
    return ParsedText(text, tuple(sentences), tuple(names))


def _sentence(sent: Any, models: dict[str, Any]) -> Sentence:
    index_of = {token.id: index for index, token in enumerate(sent.tokens)}
    words = []
    for index, token in enumerate(sent.tokens):
        token.lemmatize(models["vocab"])
        feats = token.feats or {}
        words.append(
            Word(
                index=index,
                text=token.text,
                start=token.start,
                end=token.stop,
                lemma=(token.lemma or token.text).lower(),
                pos=token.pos,
                case=feats.get("Case"),
                form=feats.get("VerbForm"),
                head=index_of.get(token.head_id),
                rel=token.rel,
            )
        )
    return Sentence(sent.start, sent.stop, tuple(words))


def _without_leading_genitive(name: Name, tokens: list[Any]) -> Name:
    """ "Остравии Мирела Вантош" (a country's genitive run into a name) -> "Мирела Вантош"."""
    if name.label != "PER" or len(tokens) < 2:
        return name
    last = tokens[-1].feats or {}
    drop = 0
    # The words of a name agree in case and gender with its last word.
    while drop < len(tokens) - 1 and any(
        (tokens[drop].feats or {}).get(feature) != last.get(feature) for feature in ("Case", "Gender")
    ):
        drop += 1
    if not drop:
        return name
    start = name.start + (tokens[drop].start - tokens[0].start)
    normal_words = name.normal.split()
    normal = " ".join(normal_words[drop:]) if len(normal_words) == len(tokens) else name.text[start - name.start :]
    return Name(start, name.end, name.text[start - name.start :], name.label, normal)


def _whole_name(name: Name, doc: Any) -> Name:
    """A name the tagger cut short ("Лим Чэ Вон" tagged "Вон"): the ``flat:name`` group it belongs to."""
    inside = [t for t in doc.tokens if name.start <= t.start < name.end]
    heads = {t.head_id for t in inside if t.rel == "flat:name"} | {t.id for t in inside}
    group = [
        t for t in doc.tokens if t.pos == "PROPN" and (t.id in heads or (t.rel == "flat:name" and t.head_id in heads))
    ]
    if len(group) <= len(inside):
        return name
    start, end = min(t.start for t in group), max(t.stop for t in group)
    if end - start > 60 or any(t.text in ",;" for t in doc.tokens if start <= t.start < end):
        return name
    text = doc.text[start:end]
    extra = text[: name.start - start]
    return Name(start, end, text, name.label, f"{extra}{name.normal}" if name.end == end else text)


def normal_forms(word: str) -> set[str]:
    """Every dictionary form a word may have out of context ("Кореи" -> {"корея"}), lower-case."""
    return {parse.normal_form for parse in load_models()["vocab"].parse(word)} | {word.lower()}
