"""Where inputs come from: files, directory trees and stdin."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimwatch.errors import Errors, InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"
# Directory walks pick files by name so that READMEs, images and configs beside the
# articles are not mistaken for them; a file named explicitly is always read.
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class InputItem:
    """One thing to read: a file path or stdin."""

    source: str  # what error lines and records call it

    @property
    def is_stdin(self) -> bool:
        return self.source == STDIN


def looks_like_article_file(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith("."):
        return False
    if name.endswith(".gz"):
        name = name[: -len(".gz")]
    return name.endswith(ARTICLE_SUFFIXES)


def expand_inputs(paths: Iterable[str]) -> tuple[list[InputItem], list[InputError], int]:
    """Expand directories recursively (sorted, so batches are reproducible).

    Returns the items to read, the errors for paths that do not exist, and how many
    files in directories were skipped because their names do not look like articles.
    """
    items: list[InputItem] = []
    errors: list[InputError] = []
    skipped = 0
    for raw_path in paths:
        if raw_path == STDIN:
            items.append(InputItem(STDIN))
            continue
        path = Path(raw_path)
        if path.is_dir():
            for found in _walk(path):
                if looks_like_article_file(found):
                    items.append(InputItem(str(found)))
                else:
                    skipped += 1
        elif path.exists() or path.is_symlink():
            items.append(InputItem(str(path)))
        else:
            errors.append(InputError(str(path), Errors.E009))
    return items, errors, skipped


def _walk(root: Path) -> Iterator[Path]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            yield Path(directory) / name


def read_item(item: InputItem, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """Read an input's bytes, refusing anything over ``max_bytes`` before reading it all."""
    if item.is_stdin:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _read_capped(stream, item.source, max_bytes)
    try:
        size = os.path.getsize(item.source)
        if size > max_bytes:
            raise InputError(item.source, Errors.E004.format(size=size, limit=max_bytes))
        with open(item.source, "rb") as handle:
            return _read_capped(handle, item.source, max_bytes)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(item.source, Errors.E003.format(reason=exc.strerror or exc)) from exc


def _read_capped(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        # A stream's size is not known without reading it to its end, which may never come.
        raise InputError(source, Errors.E015.format(limit=max_bytes, when=""))
    return data
