"""Features of (headline, body) pairs, fitted on the training texts.

Two families, one per stage of the model:

* relatedness (is the body about the headline's claim at all?): word, bigram and character n-gram
  overlap, BM25 of the headline as a query against the body, overlap with the body's lead and with
  its best-matching sentences, and how rare the headline words missing from the body are. No
  feature here depends on a vocabulary of training topics: the TF-IDF and LSA cosines did, and on
  stories absent from training they mistook related pairs for unrelated ones (see the model card);
* stance (agree, disagree or discuss?): the relatedness features plus counts of refuting, hedging,
  supporting and negating words in the headline, in the body, in the body's lead, near the
  headline's words in the body and in the sentences most like the headline; and TF-IDF vectors
  (limited vocabulary, stop words kept) of the headline and of the body, as the UCLMR system;
* meaning (both stages): sentence embeddings (multilingual USE, ``claimwatch.nlp.embeddings``) of
  the headline and of each body sentence: cosine of headline and body, the best, top-three, mean
  and lead sentence cosines, and the cue words of the sentences weighted by how close in meaning
  each is to the headline.

The stance features that describe what a text is about (LSA topics, TF-IDF of headline and body)
let a model remember bodies and stories it was trained on; they serve only the *memory* stage
(bodies seen in training), never the general one (see ``model.py``).
"""

from __future__ import annotations

import copy
import math
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from claimwatch.nlp.embeddings import DIMENSIONS, load_encoder
from claimwatch.stance.report.text import LEAD_TOKENS, LEXICONS, TextView, view_text

Pair = tuple[str, str]  # (headline, body)
Encode = Callable[[Sequence[str]], np.ndarray]  # texts -> unit row vectors, as SentenceEncoder.encode
BM25_K1, BM25_B = 1.2, 0.75
NEAR_WINDOW = 8  # tokens either side of a headline word found in the body
TOP_SENTENCES = 3
CHAR_NGRAM_SIZES = (4, 8)
MAX_SENTENCES = 40  # body sentences embedded (a long body's tail rarely decides its stance; bounds the cost)
TOP_MEANING = 3  # sentences closest in meaning to the headline whose cue words count
CUE_TEMPERATURE = 10.0  # softmax sharpness of the cosine weights of sentences' cue words

_LEXICAL_RELATEDNESS_FEATURES = (
    "overlap_fraction", "overlap_fraction_idf", "jaccard", "matched_words",
    "headline_words", "lead_overlap_fraction", "bigram_overlap_fraction", "bm25", "bm25_normalised",
    *(f"char{n}_overlap_fraction" for n in CHAR_NGRAM_SIZES), "best_sentence_overlap", "top_sentences_overlap",
    "max_idf_missing", "idf_missing_fraction", "log_body_tokens",
)
_LEXICON_NAMES = tuple(LEXICONS)
STANCE_EXTRA_FEATURES = (
    *(f"headline_{name}" for name in _LEXICON_NAMES), "headline_question", "headline_quote",
    *(f"body_{name}_log" for name in _LEXICON_NAMES), *(f"body_{name}_rate" for name in _LEXICON_NAMES),
    *(f"lead_{name}" for name in _LEXICON_NAMES), *(f"near_{name}_rate" for name in _LEXICON_NAMES),
    *(f"near_{name}" for name in _LEXICON_NAMES), *(f"top_sentences_{name}" for name in _LEXICON_NAMES),
    "headline_polarity", "body_polarity", "body_quote_rate",
)
MEANING_FEATURES = (
    "meaning_cosine_body", "meaning_cosine_best", "meaning_cosine_top", "meaning_cosine_mean", "meaning_cosine_lead",
    "meaning_close_fraction", *(f"meaning_weighted_{name}" for name in _LEXICON_NAMES),
    *(f"meaning_top_{name}" for name in _LEXICON_NAMES),
)
CLOSE_COSINE = 0.5  # a body sentence this close to the headline is about the same thing
RELATEDNESS_FEATURES = (*_LEXICAL_RELATEDNESS_FEATURES, *MEANING_FEATURES)
GENERAL_COLUMNS = len(RELATEDNESS_FEATURES) + len(STANCE_EXTRA_FEATURES)  # stance features free of topic


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def _sentence_vectors(views: list[TextView], encode: Encode) -> list[np.ndarray]:
    """Each view's sentence vectors, from one batched encoding of all distinct sentences."""
    sentences = list(dict.fromkeys(s for view in views for s in view.sentences[:MAX_SENTENCES]))
    vectors = np.asarray(encode(sentences), dtype=np.float32) if sentences else np.zeros((0, DIMENSIONS), np.float32)
    index = {sentence: row for row, sentence in enumerate(sentences)}
    return [vectors[[index[s] for s in view.sentences[:MAX_SENTENCES]]] for view in views]


def _text_vector(sentence_vectors: np.ndarray) -> np.ndarray:
    """A text's meaning: the normalised mean of its sentence vectors."""
    mean = sentence_vectors.mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


def _meaning_of(views: TextViews) -> np.ndarray:
    """``MEANING_FEATURES`` of each pair."""
    rows = []
    for headline_row, body_row in zip(views.headline_rows, views.body_rows, strict=True):
        headline = views.text_vectors[headline_row]
        cosines = views.sentence_vectors[body_row] @ headline
        ranked = np.argsort(-cosines, kind="stable")
        weights = np.exp(CUE_TEMPERATURE * (cosines - cosines.max()))
        cues = views.sentence_cues[body_row]
        rows.append([
            float(views.text_vectors[body_row] @ headline),
            float(cosines[ranked[0]]),
            float(cosines[ranked[:TOP_MEANING]].mean()),
            float(cosines.mean()),
            float(cosines[0]),
            float(np.mean(cosines >= CLOSE_COSINE)),
            *(weights @ cues / weights.sum()),
            *cues[ranked[:TOP_MEANING]].sum(axis=0),
        ])
    return np.array(rows, dtype=np.float64).reshape(len(views), len(MEANING_FEATURES))


class TextViews:
    """Each distinct text viewed (and embedded) once; pairs are rows of headline and body indices into ``views``.

    ``sentence_vectors[i]`` holds the unit vectors of the first ``MAX_SENTENCES`` sentences of text i,
    ``sentence_cues[i]`` their cue-word counts (one column a lexicon), ``text_vectors[i]`` the text's meaning.
    """

    def __init__(self, views: list[TextView], sentence_vectors: list[np.ndarray], headline_rows: np.ndarray,
                 body_rows: np.ndarray) -> None:
        self.views = views
        self.sentence_vectors = sentence_vectors
        self.headline_rows = headline_rows
        self.body_rows = body_rows
        self.text_vectors = np.stack([_text_vector(vectors) for vectors in sentence_vectors])
        self.sentence_cues = [
            np.array([_counts(tokens) for tokens in view.sentence_tokens[:MAX_SENTENCES]], dtype=np.float64)
            for view in views
        ]

    @classmethod
    def of(cls, pairs: Sequence[Pair], encode: Encode | None = None) -> TextViews:
        """Views of the pairs' texts; ``encode`` defaults to the shared sentence encoder."""
        texts = list(dict.fromkeys(text for pair in pairs for text in pair))
        index = {text: row for row, text in enumerate(texts)}
        views = [view_text(text) for text in texts]
        return cls(
            views,
            _sentence_vectors(views, encode or load_encoder().encode),
            np.array([index[headline] for headline, _ in pairs], dtype=np.int64),
            np.array([index[body] for _, body in pairs], dtype=np.int64),
        )

    def __len__(self) -> int:
        return len(self.headline_rows)

    def subset(self, rows: np.ndarray) -> TextViews:
        subset = copy.copy(self)
        subset.headline_rows, subset.body_rows = self.headline_rows[rows], self.body_rows[rows]
        return subset

    def pair_views(self) -> list[tuple[TextView, TextView]]:
        return [(self.views[h], self.views[b]) for h, b in zip(self.headline_rows, self.body_rows, strict=True)]


class FeatureSpace:
    """Vocabularies, IDF weights and the LSA projection learnt from the training texts."""

    def __init__(
        self,
        topic_terms: int = 5000,
        lsa_components: int = 100,
        stance_terms: int = 5000,
        random_state: int = 0,
    ) -> None:
        self.topic_terms = topic_terms
        self.lsa_components = lsa_components
        self.stance_terms = stance_terms
        self.random_state = random_state

    def fit(self, headlines: Sequence[str], bodies: Sequence[str]) -> FeatureSpace:
        headline_views = [view_text(text) for text in dict.fromkeys(headlines)]
        body_views = [view_text(text) for text in dict.fromkeys(bodies)]
        content = [view.content_text for view in headline_views + body_views]
        self.topic_vectorizer = _vectorizer(self.topic_terms)
        topics = self.topic_vectorizer.fit_transform(content)
        components = min(self.lsa_components, topics.shape[1] - 1)
        self.lsa = TruncatedSVD(n_components=components, random_state=self.random_state).fit(topics)
        self.lsa.components_ = self.lsa.components_.astype(np.float32)
        stems = [view.stem_text for view in headline_views + body_views]
        self.stance_vectorizer = _vectorizer(self.stance_terms).fit(stems)
        for vectorizer in (self.topic_vectorizer, self.stance_vectorizer):
            vectorizer.stop_words_ = None  # the pruned terms: large and not needed to transform
        self._fit_bm25(body_views)
        return self

    def _fit_bm25(self, body_views: list[TextView]) -> None:
        document_frequency = Counter(stem for view in body_views for stem in view.content_stems)
        count = len(body_views)
        self.idf = {
            stem: math.log((count - df + 0.5) / (df + 0.5) + 1.0) for stem, df in document_frequency.items() if df > 1
        }
        self.unseen_idf = math.log((count - 1 + 0.5) / 1.5 + 1.0)
        self.mean_body_tokens = float(np.mean([len(view.stems) for view in body_views])) if body_views else 1.0

    def _idf_of(self, stem: str) -> float:
        return self.idf.get(stem, self.unseen_idf)

    def relatedness_features(self, views: TextViews) -> np.ndarray:
        """One row a pair, columns ``RELATEDNESS_FEATURES``."""
        overlap = [self._overlap_features(headline, body) for headline, body in views.pair_views()]
        return np.column_stack([np.array(overlap, dtype=np.float64).reshape(len(views), -1), _meaning_of(views)])

    def topics(self, views: TextViews) -> np.ndarray:
        """L2-normalised LSA projection of every distinct text (rows as ``views.views``)."""
        topics = self.topic_vectorizer.transform(view.content_text for view in views.views)
        return _normalise_rows(self.lsa.transform(topics))

    def stance_dense_features(self, views: TextViews, relatedness: np.ndarray) -> np.ndarray:
        """Relatedness (with meaning) and cue counts (``STANCE_EXTRA_FEATURES``): the ``GENERAL_COLUMNS``
        first columns; then the LSA topics of headline and body and their product (topic columns)."""
        cues = np.array([_stance_cues(h, b) for h, b in views.pair_views()], dtype=np.float64)
        topics = self.topics(views)
        headline_topics, body_topics = topics[views.headline_rows], topics[views.body_rows]
        return np.hstack(
            [relatedness, cues.reshape(len(views), -1), headline_topics, body_topics, headline_topics * body_topics]
        )

    def stance_term_vectors(self, views: TextViews) -> sparse.csr_matrix:
        """[TF-IDF of the headline | TF-IDF of the body], one row a pair."""
        vectors = self.stance_vectorizer.transform(view.stem_text for view in views.views).tocsr()
        return sparse.hstack([vectors[views.headline_rows], vectors[views.body_rows]], format="csr")

    def _overlap_features(self, headline: TextView, body: TextView) -> list[float]:
        # sums over sets use math.fsum: exact, so independent of the (hash-seeded) order of iteration
        words = headline.content_stems
        matched = words & body.content_stems
        missing = words - matched
        word_count = max(len(words), 1)
        idf_total = math.fsum(self._idf_of(s) for s in words) or 1.0
        bigrams = headline.stem_bigrams
        lead = set(body.stems[:LEAD_TOKENS])
        sentence_overlaps = sorted((len(words & s) / word_count for s in body.sentence_stems), reverse=True)
        bm25 = self._bm25(words, body)
        return [
            len(matched) / word_count,
            math.fsum(self._idf_of(s) for s in matched) / idf_total,
            len(matched) / max(len(words | body.content_stems), 1),
            float(len(matched)),
            float(len(words)),
            len(words & lead) / word_count,
            len(bigrams & body.stem_bigrams) / max(len(bigrams), 1),
            bm25,
            bm25 / idf_total,
            *(_char_ngram_overlap(headline.lowered, body.lowered, n) for n in CHAR_NGRAM_SIZES),
            sentence_overlaps[0] if sentence_overlaps else 0.0,
            float(np.mean(sentence_overlaps[:TOP_SENTENCES])) if sentence_overlaps else 0.0,
            max((self._idf_of(s) for s in missing), default=0.0),
            math.fsum(self._idf_of(s) for s in missing) / idf_total,
            math.log1p(len(body.stems)),
        ]

    def _bm25(self, words: frozenset[str], body: TextView) -> float:
        counts = Counter(stem for stem in body.stems if stem in words)
        length_norm = BM25_K1 * (1 - BM25_B + BM25_B * len(body.stems) / self.mean_body_tokens)
        return math.fsum(self._idf_of(s) * tf * (BM25_K1 + 1) / (tf + length_norm) for s, tf in counts.items())


def _vectorizer(max_features: int) -> TfidfVectorizer:
    """TF-IDF over texts that are already space-separated stems."""
    return TfidfVectorizer(
        token_pattern=r"\S+",
        lowercase=False,
        max_features=max_features,
        sublinear_tf=True,
        dtype=np.float32,
    )


def _char_ngram_overlap(headline: str, body: str, size: int) -> float:
    grams = {headline[i : i + size] for i in range(max(len(headline) - size + 1, 0))}
    return sum(1 for gram in grams if gram in body) / len(grams) if grams else 0.0


def _counts(tokens: Sequence[str]) -> list[float]:
    return [float(sum(1 for token in tokens if token in words)) for words in LEXICONS.values()]


def _near_headline_tokens(headline: TextView, body: TextView) -> list[str]:
    """Body tokens within NEAR_WINDOW of a body word whose stem is a headline content stem."""
    words = headline.content_stems
    keep = np.zeros(len(body.tokens) + 1, dtype=np.int32)
    for position, body_stem in enumerate(body.stems):
        if body_stem in words:
            keep[max(position - NEAR_WINDOW, 0)] += 1
            keep[min(position + NEAR_WINDOW + 1, len(body.tokens))] -= 1
    inside = np.cumsum(keep[:-1]) > 0
    return [token for token, near in zip(body.tokens, inside, strict=True) if near]


def _top_sentence_tokens(headline: TextView, body: TextView) -> list[str]:
    words = headline.content_stems
    ranked = sorted(range(len(body.sentence_stems)), key=lambda i: -len(words & body.sentence_stems[i]))
    return [token for i in ranked[:TOP_SENTENCES] for token in body.sentence_tokens[i]]


def _stance_cues(headline: TextView, body: TextView) -> list[float]:
    body_counts = _counts(body.tokens)
    body_length = max(len(body.tokens), 1)
    near = _near_headline_tokens(headline, body)
    near_counts = _counts(near)
    negations = list(LEXICONS).index("negate")
    headline_counts = _counts(headline.tokens)
    return [
        *headline_counts,
        float("?" in headline.lowered),
        float(any(mark in headline.lowered for mark in "\"“”'")),
        *(math.log1p(count) for count in body_counts),
        *(100.0 * count / body_length for count in body_counts),
        *_counts(body.tokens[:LEAD_TOKENS]),
        *(100.0 * count / max(len(near), 1) for count in near_counts),
        *(math.log1p(count) for count in near_counts),
        *_counts(_top_sentence_tokens(headline, body)),
        headline_counts[negations] % 2,
        body_counts[negations] % 2,
        100.0 * sum(body.lowered.count(mark) for mark in "\"“”") / body_length,
    ]
