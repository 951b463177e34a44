"""The PolNeAR attribution harness: brat reading, scoring arithmetic, JSON shape. Texts are invented."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from claimwatch.errors import StoreError
from claimwatch.eval.attribution import (
    Attribution,
    Tally,
    WordIndex,
    claims_direct_quote,
    evaluate_polnear,
    gold_cue_is_speech,
    is_direct_quote,
    is_speech_cue,
    match,
    predicted_cue_is_speech,
    read_ann,
    read_polnear,
    statement_attributions,
)
from claimwatch.records import Span, Speaker, Statement

STORY = (
    "Mayor Ilsa Brandt said the harbour bridge would reopen in May. "
    '"We are not going to cut corners," she told reporters, "and the inspectors agree." '
    "The council disputes the figures, according to a statement. Read more here.\n"
)
METRIC_KEYS = {"content_exact", "content_overlap", "source_match", "cue_match"}


def at(phrase: str, text: str = STORY) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def offsets(*phrases: str) -> str:
    """brat offsets of one or more fragments: "12 20" or "12 20;31 40"."""
    return ";".join("{} {}".format(*at(p)) for p in phrases)


def t_line(span_id: str, kind: str, *phrases: str) -> str:
    return f"{span_id}\t{kind} {offsets(*phrases)}\t{' '.join(phrases)}"


FIRST_QUOTE, SECOND_QUOTE = '"We are not going to cut corners,"', '"and the inspectors agree."'
ANN_FIRST_ANNOTATOR = "\n".join(
    [
        t_line("T1", "Source", "Mayor Ilsa Brandt"),
        t_line("T2", "Cue", "said"),
        t_line("T3", "Content", "the harbour bridge would reopen in May"),
        t_line("T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "E1b\tAttribution:T4 Content:T3 Cue:T2 Source:T1",  # the same relation twice counts once
        t_line("T5", "Source", "she"),
        t_line("T6", "Cue", "told"),
        t_line("T7", "Content", FIRST_QUOTE, SECOND_QUOTE),  # discontinuous
        t_line("T8", "Attribution", "told"),
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        t_line("T9", "Cue", "according to"),
        t_line("T10", "Content", "The council disputes the figures"),
        t_line("T11", "Attribution-no-source", "according to"),
        "E3\tAttribution-no-source:T11 Content:T10 Cue:T9",
        t_line("T12", "Attribution-no-source", "Read"),
        "E4\tAttribution-no-source:T12 ",  # no content: not a gold target
        t_line("T13", "Discard", "Read more here."),
        "#1\tAnnotatorNotes T13\tpage furniture",
        "",
    ]
)
ANN_SECOND_ANNOTATOR = "\n".join(
    [t_line("T1", "Content", "the harbour bridge would reopen"), "E1\tAttribution:T1 Content:T1", ""]
)


@pytest.fixture
def polnear_split(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "gazette_2025-03-04_bridge.txt").write_text(STORY, "utf-8")
    (tmp_path / "attributions" / "gazette_2025-03-04_bridge_b7e2.ann").write_text(ANN_SECOND_ANNOTATOR, "utf-8")
    (tmp_path / "attributions" / "gazette_2025-03-04_bridge_a3f1.ann").write_text(ANN_FIRST_ANNOTATOR, "utf-8")
    (tmp_path / "attributions" / "orphan_2025-03-05_x_a3f1.ann").write_text(ANN_SECOND_ANNOTATOR, "utf-8")
    return tmp_path


# Reading brat standoff


def test_read_polnear_picks_the_first_annotator_and_counts_each_text_once(polnear_split: Path) -> None:
    (document,) = read_polnear(polnear_split)
    assert (document.name, document.annotator, document.text) == ("gazette_2025-03-04_bridge", "a3f1", STORY)
    assert len(document.attributions) == 3


def test_read_ann_keeps_fragments_roles_and_missing_source() -> None:
    said, told, according = read_ann(ANN_FIRST_ANNOTATOR)
    assert said == Attribution(
        content=(at("the harbour bridge would reopen in May"),), cue=(at("said"),), source=(at("Mayor Ilsa Brandt"),)
    )
    assert told.content == (at(FIRST_QUOTE), at(SECOND_QUOTE))
    assert told.source == (at("she"),)
    assert according.source == ()
    assert according.cue == (at("according to"),)


def test_read_ann_merges_a_second_content_and_skips_discard_links() -> None:
    ann = "\n".join(
        [
            t_line("T1", "Content", FIRST_QUOTE),
            t_line("T2", "Content", SECOND_QUOTE),
            t_line("T3", "Discard", "Read more here."),
            t_line("T4", "Cue", "told"),
            "T5\tContent 0 5\tmulti-line T text",
            "that continues on a line of its own",
            "E1\tAttribution:T4 Cue:T4 Content:T1 Content2:T2 Source:T3",
        ]
    )
    (attribution,) = read_ann(ann)
    assert attribution.content == (at(FIRST_QUOTE), at(SECOND_QUOTE))
    assert attribution.source == ()  # the Discard span is no source


def test_read_polnear_sorts_by_name_and_limits(polnear_split: Path) -> None:
    (polnear_split / "text" / "almanac_2025-03-01_ferry.txt").write_text("Ferries run, officials said.\n", "utf-8")
    (polnear_split / "attributions" / "almanac_2025-03-01_ferry.ann").write_text("", "utf-8")  # no annotator id
    assert [d.name for d in read_polnear(polnear_split)] == ["almanac_2025-03-01_ferry", "gazette_2025-03-04_bridge"]
    (first,) = read_polnear(polnear_split, limit=1)
    assert (first.name, first.annotator, first.attributions) == ("almanac_2025-03-01_ferry", "", ())


def test_read_polnear_names_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="has no text/ folder"):
        read_polnear(tmp_path)
    (tmp_path / "text").mkdir()
    with pytest.raises(StoreError, match="has no attributions/ folder"):
        read_polnear(tmp_path)


# Subsets


def test_direct_quote_test_looks_at_both_ends() -> None:
    assert is_direct_quote(STORY, (at(FIRST_QUOTE), at(SECOND_QUOTE)))
    assert is_direct_quote(STORY, (at("We are not going to cut corners"),))  # quote marks just outside
    assert not is_direct_quote(STORY, (at("the harbour bridge would reopen in May"),))
    mixed = 'He said the plan was "a mess."'
    assert not is_direct_quote(mixed, (at('the plan was "a mess."', mixed),))
    wire = "''It is not reform,'' said Mr. Vale."  # two apostrophes as a double quote mark
    assert is_direct_quote(wire, (at("''It is not reform,''", wire),))
    assert is_direct_quote(wire, (at("It is not reform", wire),))
    assert not is_direct_quote("Officials' plans,' he said.", (at("plans", "Officials' plans,' he said."),))


def test_predictions_are_direct_quotes_by_their_own_kind() -> None:
    assert claims_direct_quote(Attribution(content=((0, 1),), kind="direct"))
    assert not claims_direct_quote(Attribution(content=((0, 1),), kind="mixed"))
    assert not claims_direct_quote(Attribution(content=((0, 1),)))


def test_speech_cues_by_lemma_word_or_phrase() -> None:
    assert is_speech_cue(["tell"]) and is_speech_cue(["According", "to"]) and is_speech_cue(["point", "out"])
    assert not is_speech_cue(["believe"]) and not is_speech_cue(["accord"])
    assert predicted_cue_is_speech(Attribution(content=((0, 1),), cue_lemma="say"))
    assert not predicted_cue_is_speech(Attribution(content=((0, 1),), cue_lemma="fear"))
    assert not predicted_cue_is_speech(Attribution(content=((0, 1),), cue_lemma=None))
    doc = spacy.blank("en")(STORY)  # no lemmas: the word forms decide
    assert gold_cue_is_speech((at("according to"),), doc)
    assert not gold_cue_is_speech((at("said"),), doc)
    said = doc.char_span(*at("said"))
    said[0].lemma_ = "say"
    assert gold_cue_is_speech((at("said"),), doc)
    assert not gold_cue_is_speech((at("disputes"),), doc)


# Scoring arithmetic


def _gold_and_predictions() -> tuple[list[Attribution], list[Attribution]]:
    gold = read_ann(ANN_FIRST_ANNOTATOR)  # said (indirect), told (direct quote), according to (no source)
    predicted = [
        # the same words as the gold content, without its quote marks and with a trailing period: exact
        Attribution(content=(at("the harbour bridge would reopen in May."),), cue=(at("said"),),
                    source=(at("Ilsa Brandt"),), cue_lemma="say"),
        # 7 of the gold's 11 words: overlap 7/11 >= 0.5, not exact; wrong source, right cue
        Attribution(content=(at("We are not going to cut corners"),), cue=(at("told"),),
                    source=(at("reporters"),), cue_lemma="tell"),
        # 2 of 5 words: no match
        Attribution(content=(at("the figures"),), cue=(at("disputes"),), source=(at("The council"),),
                    cue_lemma="dispute"),
        # a non-speech cue that matches nothing
        Attribution(content=(at("Read more here."),), cue=(at("Read"),), cue_lemma="read"),
    ]  # fmt: skip
    return gold, predicted


def test_exact_and_overlap_pairing() -> None:
    gold, predicted = _gold_and_predictions()
    matching = match(gold, predicted, WordIndex(STORY))
    assert matching.exact == {0: 0}
    assert matching.overlap == {0: 0, 1: 1}


def test_tally_over_all_attributions() -> None:
    gold, predicted = _gold_and_predictions()
    words = WordIndex(STORY)
    tally = Tally()
    tally.add(gold, predicted, match(gold, predicted, words), [True] * 3, [True] * 4, words)
    assert tally == Tally(
        gold=3, predicted=4, exact_gold=1, exact_predicted=1, overlap_gold=2, overlap_predicted=2,
        source_hits=1, source_scored=2, cue_hits=2, cue_scored=2,
    )  # fmt: skip
    scores = tally.to_json()
    assert scores["content_exact"] == {"p": 0.25, "r": 0.3333, "f1": 0.2857}
    assert scores["content_overlap"] == {"p": 0.5, "r": 0.6667, "f1": 0.5714}
    assert (scores["source_match"], scores["cue_match"]) == (0.5, 1.0)


def test_tally_over_a_subset_counts_only_its_members() -> None:
    gold, predicted = _gold_and_predictions()
    words = WordIndex(STORY)
    gold_in = [False, True, False]  # the direct quote only
    predicted_in = [p.cue_lemma in ("tell", "dispute") for p in predicted]
    tally = Tally()
    tally.add(gold, predicted, match(gold, predicted, words), gold_in, predicted_in, words)
    assert (tally.gold, tally.predicted, tally.overlap_gold, tally.overlap_predicted) == (1, 2, 1, 1)
    assert (tally.exact_gold, tally.source_hits, tally.source_scored, tally.cue_hits) == (0, 0, 1, 1)
    assert tally.to_json()["content_overlap"] == {"p": 0.5, "r": 1.0, "f1": 0.6667}


def test_empty_tally_reports_zeros() -> None:
    assert Tally().to_json() == {
        "content_exact": {"p": 0.0, "r": 0.0, "f1": 0.0},
        "content_overlap": {"p": 0.0, "r": 0.0, "f1": 0.0},
        "source_match": 0.0,
        "cue_match": 0.0,
    }


def _statement(content: tuple[int, int], *, voice: str = "source", parent_id: str | None = None) -> Statement:
    span = Span(*content, STORY[content[0] : content[1]])
    cue = Span(*at("said"), "said")
    speaker = Speaker(mention=Span(*at("Mayor Ilsa Brandt"), "Mayor Ilsa Brandt"), entity=None, entity_type=None)
    return Statement(
        id="s", article_id="a", sentence_index=0, start=0, end=content[1], speaker=speaker, cue=cue,
        cue_lemma="say", content=span, kind="indirect", voice=voice, parent_id=parent_id,
    )  # fmt: skip


def test_every_statement_is_scored_and_a_missing_mention_is_no_source() -> None:
    content = at("the harbour bridge would reopen in May")
    statements = [_statement(content), _statement(content, voice="outlet"), _statement(content, parent_id="p")]
    said_by_mayor = Attribution(
        content=(content,), cue=(at("said"),), source=(at("Mayor Ilsa Brandt"),), cue_lemma="say", kind="indirect"
    )
    assert statement_attributions(statements) == [said_by_mayor] * 3
    unnamed = replace(_statement(content), speaker=Speaker(mention=None, entity=None, entity_type=None))
    assert statement_attributions([unnamed])[0].source == ()


# The whole run and its JSON


def _fake_extractor(text: str, nlp, doc=None) -> list[Statement]:
    assert doc is not None and doc.text == text  # the harness parses once and hands the Doc over
    quote = replace(_statement(at("the figures, according")), kind="direct")  # no gold quote: a false one
    return [_statement(at("the harbour bridge would reopen in May")), quote]


def _blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _assert_metric_shape(metrics: dict) -> None:
    assert set(metrics) == METRIC_KEYS
    for key in ("content_exact", "content_overlap"):
        assert set(metrics[key]) == {"p", "r", "f1"}
        assert all(0.0 <= value <= 1.0 for value in metrics[key].values())


def test_evaluate_polnear_json_shape(polnear_split: Path) -> None:
    data = evaluate_polnear(polnear_split, _fake_extractor, nlp=_blank_nlp()).to_json()
    assert {"documents", "all", "speech", "peer_textacy", "direct_quotes", "documents_per_second"} <= set(data)
    assert data["documents"] == 1
    for key in ("all", "speech", "peer_textacy", "direct_quotes"):
        _assert_metric_shape(data[key])
    assert data["all"]["content_exact"] == {"p": 0.5, "r": 0.3333, "f1": 0.4}
    assert data["all"]["source_match"] == 1.0
    assert data["direct_quotes"]["content_overlap"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    # a blank pipeline has no lemmas: of the gold cues only "according to" is known as speech
    assert data["speech"]["content_exact"] == {"p": 0.5, "r": 0.0, "f1": 0.0}
    json.dumps(data)


def test_cli_prints_the_json(polnear_split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import claimwatch.nlp
    import claimwatch.statements
    from claimwatch.cli import app

    monkeypatch.setattr(claimwatch.statements, "statements_from_text", _fake_extractor)
    monkeypatch.setattr(claimwatch.nlp, "load_nlp", _blank_nlp)
    result = CliRunner().invoke(app, ["eval", "attribution", "--polnear", str(polnear_split), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 1


def test_cli_names_a_wrong_folder(tmp_path: Path) -> None:
    from claimwatch.cli import app

    result = CliRunner().invoke(app, ["eval", "attribution", "--polnear", str(tmp_path)])
    assert result.exit_code == 1
    assert "no text/ folder" in result.stderr
