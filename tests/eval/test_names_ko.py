"""KLUE NER reading and scoring, on a tiny KLUE-format file written here."""

from __future__ import annotations

from pathlib import Path

from claimwatch.eval.names_ko import KLUE_FILE, evaluate_klue, read_klue

ROWS = "## 주석 : ##\n## klue-ner-v1_dev_00000-test\t<김용현:PS> 장관\n" + "\n".join(
    f"{char}\t{tag}" for char, tag in zip("김용현 장관", ["B-PS", "I-PS", "I-PS", "O", "O", "O"], strict=True)
)


def write(tmp_path: Path) -> Path:
    path = tmp_path / KLUE_FILE
    path.parent.mkdir(parents=True)
    path.write_text(ROWS + "\n\n" + ROWS.replace("00000", "00001") + "\n\n", "utf-8")
    return tmp_path


def test_read_klue_spans(tmp_path: Path) -> None:
    (first, _) = read_klue(write(tmp_path))
    assert (first.text, set(first.entities)) == ("김용현 장관", {(0, 3, "PS")})


def test_person_before_a_title_is_found(tmp_path: Path) -> None:
    scores = evaluate_klue(write(tmp_path), half="test")["scores"]
    assert scores["PS"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1}
