"""Scores and training: ``eval extraction|attribution|clustering|certainty|stance|names`` and ``train stance``.

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
    polnear: Annotated[Path, typer.Option("--polnear", help="PolNeAR split folder with text/ and attributions/.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[
        Optional[int], typer.Option("--limit", min=1, help="Score only the first N documents (by file name).")
    ] = None,
) -> None:
    """Who-said-what precision, recall and F1 on PolNeAR, beside textacy's direct quotations."""
    from claimwatch.eval.attribution import evaluate_polnear
    from claimwatch.statements import statements_from_text

    _report_scores(
        lambda: evaluate_polnear(polnear, statements_from_text, limit=limit).to_json(),
        as_json,
        _print_attribution_scores,
    )


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
    klue: Annotated[Path, typer.Option("--klue", help="KLUE NER folder (with klue_benchmark/).")],
    lang: Annotated[str, typer.Option("--lang", help="Language of the data set: ko (KLUE NER).")] = "ko",
    half: Annotated[str, typer.Option("--half", help="test (reported) or tune (rules adjusted on it).")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Name recognition (persons, organisations, locations): precision, recall and F1 per type."""
    from claimwatch.eval.names import evaluate_klue

    if lang != "ko" or half not in ("test", "tune"):
        raise typer.BadParameter("name recognition is scored for --lang ko (KLUE NER), --half test or tune")
    _report_scores(lambda: evaluate_klue(klue, half), as_json, _print_name_scores)


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
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Train the report-level stance model on FNC-1 training data; print dev scores and training time."""
    from claimwatch.stance.report.data import SplitRule
    from claimwatch.stance.report.train import train_report_stance

    report = guarded(lambda: train_report_stance(
        fnc1, out_dir, split=SplitRule(disjoint_bodies=disjoint_bodies), on_step=warn
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
