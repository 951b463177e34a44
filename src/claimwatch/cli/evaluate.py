"""Scores and training: ``eval extraction|attribution|names|statements|clustering|certainty|stance``, ``train stance``.

Each imports its evaluation module only when it runs (they pull in data readers and models).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from claimwatch.cli.output import fmt_of, out, say, show, warn
from claimwatch.cli.settings import guarded

eval_app = typer.Typer(help="Score claimwatch's stages on public benchmarks.", no_args_is_help=True)
train_app = typer.Typer(help="Train claimwatch's models from public data sets.", no_args_is_help=True)


@eval_app.command("positions")
def eval_positions(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option("--gold", help="Gold claims, JSON Lines (format: docs/positions.md).")],
    corpus: Annotated[list[str], typer.Option("--corpus", help="Articles to ingest (repeatable).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    watch: Annotated[
        list[str] | None, typer.Option("--watch", help="Score only this gold claim (its watch id; repeatable).")
    ] = None,
) -> None:
    """Who backs and who denies each gold claim: P/R/F1 per side, macro F1 and flips."""
    from claimwatch.eval.positions import evaluate_positions

    gazetteer = ctx.obj.gazetteer()
    _report_scores(
        lambda: evaluate_positions(gold, corpus, gazetteer, watches=watch).to_json(), as_json, _print_position_scores
    )


def _print_position_scores(data: dict) -> None:
    backs, denies = data["backs"], data["denies"]
    out.print(
        f"claims {data['claims']}  backs P {backs['p']:.3f} R {backs['r']:.3f} F1 {backs['f1']:.3f}  "
        f"denies P {denies['p']:.3f} R {denies['r']:.3f} F1 {denies['f1']:.3f}  "
        f"macro F1 {data['macro_f1']:.3f}  flips {data['flips']}"
    )


@eval_app.command("extraction")
def eval_extraction(
    zyte: Annotated[Path, typer.Option("--zyte", help="Folder with ground-truth.json and html/.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Article-body precision, recall and F1 on the Zyte extraction benchmark."""
    from claimwatch.eval.extraction import evaluate_zyte

    _report_scores(lambda: evaluate_zyte(zyte).to_json(), as_json, _print_extraction_scores)


def _report_scores(evaluate: Callable[[], dict], as_json: bool, summarise: Callable[[dict], None]) -> None:
    """Run an evaluation; print its JSON (one line), or a summary for people. A coded error exits 1."""
    show(guarded(evaluate), fmt_of(as_json), summarise, indent=None)


def _print_extraction_scores(data: dict) -> None:
    out.print(
        f"pages {data['pages']}  precision {data['precision']:.4f}  recall {data['recall']:.4f}  "
        f"F1 {data['f1']:.4f}  ({data['pages_per_second']:.1f} pages/s)"
    )


@eval_app.command("attribution")
def eval_attribution(
    polnear: Annotated[
        Optional[Path], typer.Option("--polnear", help="PolNeAR split folder with text/ and attributions/ (en).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="en (PolNeAR) or ru (ADAQ).")] = "en",
    adaq: Annotated[Optional[Path], typer.Option("--adaq", help="ADAQ folder with data/ (ru).")] = None,
    split: Annotated[str, typer.Option("--split", help="ADAQ part: dev (tuned on), test or all.")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[
        Optional[int], typer.Option("--limit", min=1, help="Score only the first N documents (by file name).")
    ] = None,
) -> None:
    """Who-said-what precision, recall and F1: PolNeAR beside textacy (en), ADAQ token tags (ru)."""
    if lang == "ru":
        from claimwatch.eval.adaq import SPLITS, evaluate_adaq

        if adaq is None or split not in SPLITS:
            raise typer.BadParameter("--lang ru takes --adaq DIR and --split dev|test|all", param_hint="--adaq")
        _report_scores(lambda: evaluate_adaq(adaq, split).to_json(), as_json, _print_tag_scores)
        return
    if lang != "en" or polnear is None:
        raise typer.BadParameter("use --lang en with --polnear DIR, or --lang ru with --adaq DIR", param_hint="--lang")
    from claimwatch.eval.attribution import evaluate_polnear
    from claimwatch.statements import statements_from_text

    _report_scores(
        lambda: evaluate_polnear(polnear, statements_from_text, limit=limit).to_json(),
        as_json,
        _print_attribution_scores,
    )


@eval_app.command("statements")
def eval_statements(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option("--gold", help="TOML of articles with labelled statements.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Speaker and act of hand-labelled statements per article (format: tests/data/slavic/ru_dev.toml).

    Names resolve with the gazetteer plus any ``claimwatch --gazetteer FILE`` given.
    """
    from claimwatch.eval.dev_statements import score_dev_set

    def summarise(data: dict) -> None:
        for article in [*data["articles"], {"id": "total", **data["total"]}]:
            out.print(f"{article['id']}: {article['found']}/{article['gold']} found, "
                      f"{article['speaker']} right speaker, {article['act']} right act")

    _report_scores(lambda: score_dev_set(gold, ctx.obj.gazetteer(), with_misses=True), as_json, summarise)


def _print_tag_scores(data: dict) -> None:
    table = Table("", "P", "R", "F1", box=None)
    for key, row in data.items():
        if isinstance(row, dict):
            table.add_row(key, *(f"{row[k]:.3f}" for k in ("p", "r", "f1")))
    out.print(table)
    out.print(", ".join(f"{key} {value}" for key, value in data.items() if not isinstance(value, dict)))


def _print_attribution_scores(data: dict) -> None:
    table = Table("", "exact P", "R", "F1", "overlap P", "R", "F1", "source", "cue", box=None)
    for key in ("all", "speech", "direct_quotes", "peer_textacy"):
        row = data[key]
        exact, overlap = row["content_exact"], row["content_overlap"]
        numbers = [exact["p"], exact["r"], exact["f1"], overlap["p"], overlap["r"], overlap["f1"]]
        table.add_row(key, *(f"{n:.3f}" for n in [*numbers, row["source_match"], row["cue_match"]]))
    out.print(table)
    out.print(
        f"documents {data['documents']}  ({data['documents_per_second']:.1f} documents/s; "
        f"textacy gave up on {data['peer_textacy_failed_documents']})"
    )


@eval_app.command("clustering")
def eval_clustering(
    ecbplus: Annotated[Path, typer.Option("--ecbplus", help="Folder holding the ECB+ topic folders.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Same-event clustering of ECB+ documents: B-cubed and pairwise precision, recall, F1."""
    from claimwatch.eval.clustering import evaluate_ecbplus

    def scores() -> dict:
        found = evaluate_ecbplus(ecbplus)
        return {key: found[key] for key in ("documents", "clusters", "bcubed", "pairwise")}

    _report_scores(scores, as_json, _print_clustering_scores)


def _print_clustering_scores(data: dict) -> None:
    b, p = data["bcubed"], data["pairwise"]
    out.print(
        f"documents {data['documents']}  clusters {data['clusters']}  "
        f"B-cubed P {b['p']:.4f} R {b['r']:.4f} F1 {b['f1']:.4f}  pairwise F1 {p['f1']:.4f}"
    )


@eval_app.command("names")
def eval_names(
    lang: Annotated[str, typer.Option("--lang", help="ko (KLUE NER) or uk (NER-UK 2.0).")],
    klue: Annotated[Optional[Path], typer.Option("--klue", help="KLUE NER folder (with klue_benchmark/).")] = None,
    ner_uk: Annotated[Optional[Path], typer.Option("--ner-uk", help="NER-UK 2.0 folder with v2.0/data/.")] = None,
    half: Annotated[str, typer.Option("--half", help="ko: test (reported) or tune (rules adjusted on it).")] = "test",
    split: Annotated[str, typer.Option("--split", help="uk: dev (tuned on) or test.")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="uk: score only the first N texts.")] = None,
) -> None:
    """Name recognition (persons, organisations, locations): precision, recall and F1 per type."""
    if lang == "ko" and klue is not None and half in ("test", "tune"):
        from claimwatch.eval.names_ko import evaluate_klue

        _report_scores(lambda: evaluate_klue(klue, half), as_json, _print_name_scores)
    elif lang == "uk" and ner_uk is not None and split in ("dev", "test"):
        from claimwatch.eval.names_uk import evaluate_ner_uk

        _report_scores(lambda: evaluate_ner_uk(ner_uk, split, limit).to_json(), as_json, _print_tag_scores)
    else:
        raise typer.BadParameter(
            "use --lang ko --klue DIR [--half test|tune], or --lang uk --ner-uk DIR [--split dev|test]",
            param_hint="--lang",
        )


def _print_name_scores(data: dict) -> None:
    out.print(f"{data['dataset']}, {data['half']} half: {data['sentences']} sentences")
    for kind, score in data["scores"].items():
        out.print(f"  {kind:>8}: P {score['precision']:.4f}  R {score['recall']:.4f}  F1 {score['f1']:.4f}  "
                  f"({score['gold']} gold)")


@eval_app.command("certainty")
def eval_certainty(
    commitmentbank: Annotated[Path, typer.Option("--commitmentbank", help="Folder with CommitmentBank-items.csv.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Spearman correlation of claimwatch's commitment score with CommitmentBank's mean ratings."""
    from claimwatch.eval.certainty import evaluate_commitmentbank

    _report_scores(lambda: evaluate_commitmentbank(commitmentbank).to_json(), as_json, _print_certainty_scores)


def _print_certainty_scores(data: dict) -> None:
    out.print(f"items {data['items']}  Spearman {data['spearman']:.4f}")
    for embedding, part in data["by_embedding"].items():
        out.print(f"  {embedding:>12}: {part['items']:4d} items  Spearman {part['spearman']:.4f}")


@eval_app.command("stance")
def eval_stance(
    bodies: Annotated[Optional[Path], typer.Option("--bodies", help="FNC-1 bodies CSV (Body ID, articleBody).")] = None,
    stances: Annotated[
        Optional[Path], typer.Option("--stances", help="FNC-1 stances CSV (Headline, Body ID, Stance).")
    ] = None,
    dev_split: Annotated[
        bool, typer.Option("--dev-split", help="Score the development split of FNC-1 training data (needs --fnc1).")
    ] = False,
    fnc1: Annotated[
        Optional[Path], typer.Option("--fnc1", help="FNC-1 folder with train_bodies.csv and train_stances.csv.")
    ] = None,
    model: Annotated[Optional[Path], typer.Option("--model", help="Model folder (default: the shipped model).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Report-level stance: FNC-1 score, per-class and macro F1, confusion matrix and speed."""
    from claimwatch.stance.report.evaluate import evaluate_dev_split, evaluate_files

    if dev_split and (fnc1 is None or bodies or stances):
        raise typer.BadParameter("--dev-split takes --fnc1 DIR, not --bodies/--stances", param_hint="--dev-split")
    if not dev_split and (bodies is None or stances is None or fnc1):
        raise typer.BadParameter("give --bodies FILE and --stances FILE (or --dev-split --fnc1 DIR)")
    _report_scores(
        lambda: (evaluate_dev_split(fnc1, model) if dev_split else evaluate_files(bodies, stances, model)).to_json(),
        as_json,
        _print_stance_scores,
    )


@train_app.command("stance")
def train_stance(
    fnc1: Annotated[Path, typer.Option("--fnc1", help="FNC-1 folder with train_bodies.csv and train_stances.csv.")],
    out_dir: Annotated[
        Optional[Path], typer.Option("--out", help="Where to write the model (default: the package's model folder).")
    ] = None,
    disjoint_bodies: Annotated[
        bool, typer.Option("--disjoint-bodies", help="Keep bodies on one side of the split too (stricter estimate).")
    ] = False,
    disjoint_stories: Annotated[
        bool, typer.Option("--disjoint-stories", help="Keep whole stories on one side (closest to unseen news).")
    ] = False,
    embedding_cache: Annotated[
        Optional[Path],
        typer.Option("--embedding-cache", help="Keep sentence vectors here between runs (default: a temporary one)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Train the report-level stance model on FNC-1 training data; print dev scores and training time."""
    from claimwatch.stance.report.data import SplitRule
    from claimwatch.stance.report.train import train_report_stance

    split = SplitRule(disjoint_bodies=disjoint_bodies, disjoint_stories=disjoint_stories)
    report = guarded(lambda: train_report_stance(
        fnc1, out_dir, split=split, on_step=warn, embedding_cache=embedding_cache
    ))

    def describe(data: dict) -> None:
        for name, size in data["files"].items():
            say(f"wrote {report.model_dir / name} ({size / 1e6:.2f} MB)")
        out.print(f"trained on {data['train_pairs']} pairs in {data['training_seconds']:.1f} s; development split:")
        _print_stance_scores(data["dev"])

    show(report.to_json(), fmt_of(as_json), describe, indent=None)


def _print_stance_scores(data: dict) -> None:
    out.print(
        f"pairs {data['pairs']}  FNC score {data['fnc_score']:.4f}  macro F1 {data['macro_f1']:.4f}  "
        f"({data.get('pairs_per_second', 0):.1f} pairs/s)"
    )
    stances = list(data["per_class_f1"])
    table = Table("gold \\ predicted", *stances, "F1", box=None)
    for gold in stances:
        row = data["confusion"][gold]
        table.add_row(gold, *(str(row[predicted]) for predicted in stances), f"{data['per_class_f1'][gold]:.4f}")
    out.print(table)
