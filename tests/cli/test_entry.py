"""Ways in: ``--version``, ``python -m claimwatch``, and ``demo`` leading to the desk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch import __version__
from claimwatch.cli import app


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimwatch {__version__}"


def test_python_dash_m_claimwatch_help() -> None:
    done = subprocess.run([sys.executable, "-m", "claimwatch", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for command in ("ingest", "demo", "serve", "monitor", "eval"):
        assert f"  {command} " in done.stdout


def test_demo_serve_opens_the_desk_on_the_demo_store(tmp_path: Path, monkeypatch) -> None:
    served = {}

    def fake_serve(db, host, port, token, **options) -> None:
        served.update(db=db, host=host, port=port, token=token)

    monkeypatch.setattr("claimwatch.web.server.serve", fake_serve)
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(app, ["--db", str(db), "demo", "--serve", "--port", "8123"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert served == {"db": str(db), "host": "127.0.0.1", "port": 8123, "token": None}
    assert "Open the desk" not in result.stdout


NLP_LIBRARIES = ("spacy", "thinc", "datasketch", "sklearn", "dask", "distributed")


@pytest.mark.parametrize(
    "command",
    [["--help"], ["--version"], ["articles"], ["statements"], ["entities"], ["claims"], ["watch", "list"],
     ["source", "list"], ["status"], ["alerts"]],
    ids=lambda command: " ".join(command),
)
def test_start_imports_no_nlp_library(tmp_path: Path, command: list[str]) -> None:
    """Help, the version and the listings start without loading a language model or Dask (lazy imports)."""
    db = ["--db", str(tmp_path / "empty.db")] if command[0] not in ("--help", "--version") else []
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "claimwatch", *db, *command],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert imported.isdisjoint(NLP_LIBRARIES), sorted(imported & set(NLP_LIBRARIES))
