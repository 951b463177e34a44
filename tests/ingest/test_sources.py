"""Where inputs come from: files, directory trees, stdin, size limits, unreadable files."""

from __future__ import annotations

import builtins
import io
from pathlib import Path

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest import InputItem, expand_inputs, read_item
from claimwatch.ingest.sources import looks_like_article_file


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story.txt", True),
        ("story.TXT", True),
        ("page.html", True),
        ("page.htm", True),
        ("page.html.gz", True),
        ("feed.jsonl", True),
        ("feed.ndjson.gz", True),
        ("dump.json", True),
        ("README.md", False),
        ("photo.png", False),
        ("notes.txt.bak", False),
        (".hidden.txt", False),
        ("archive.gz", False),
    ],
)
def test_looks_like_article_file(name: str, expected: bool) -> None:
    assert looks_like_article_file(Path(name)) is expected


def test_directories_are_walked_sorted_and_non_articles_counted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for relative in ("b/2.txt", "a/1.html", "a/z.jsonl", "top.txt", "a/photo.png", "README.md", ".git/x.txt"):
        (tmp_path / relative).write_text("x")
    items, missing, skipped = expand_inputs([str(tmp_path)])
    names = [Path(item.source).relative_to(tmp_path).as_posix() for item in items]
    assert names == ["top.txt", "a/1.html", "a/z.jsonl", "b/2.txt"]
    assert missing == []
    assert skipped == 2  # photo.png and README.md; hidden folders are not walked


def test_a_file_named_explicitly_is_read_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("x")
    items, _, skipped = expand_inputs([str(path)])
    assert items == [InputItem(str(path))]
    assert skipped == 0


def test_missing_paths_are_errors_and_stdin_is_an_item(tmp_path: Path) -> None:
    items, missing, _ = expand_inputs(["-", str(tmp_path / "nope.txt")])
    assert items == [InputItem("-")]
    (error,) = missing
    assert error.code == "E009"
    assert error.source == str(tmp_path / "nope.txt")


def test_dangling_symlink_in_a_directory_is_listed_then_fails_to_read(tmp_path: Path) -> None:
    (tmp_path / "x.txt").symlink_to(tmp_path / "gone.txt")
    (item,), _, _ = expand_inputs([str(tmp_path)])
    with pytest.raises(InputError) as caught:
        read_item(item)
    assert caught.value.code == "E003"
    assert caught.value.source == str(tmp_path / "x.txt")
    assert "No such file" in caught.value.message


def test_permission_error_is_reported_with_its_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("A story.")
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    with pytest.raises(InputError) as caught:
        read_item(InputItem(str(path)))
    assert caught.value.code == "E003"
    assert "Permission denied" in caught.value.message


@pytest.mark.parametrize(("size", "limit", "fails"), [(100, 100, False), (101, 100, True), (0, 100, False)])
def test_size_limit_on_files(tmp_path: Path, size: int, limit: int, fails: bool) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * size)
    if not fails:
        assert read_item(InputItem(str(path)), limit) == b"a" * size
        return
    with pytest.raises(InputError) as caught:
        read_item(InputItem(str(path)), limit)
    assert caught.value.code == "E004"
    assert f"{size:,} bytes" in caught.value.message
    assert "--max-bytes" in caught.value.message


def test_size_limit_on_stdin_reads_no_more_than_needed() -> None:
    stream = io.BytesIO(b"a" * 10_000)
    with pytest.raises(InputError) as caught:
        read_item(InputItem("-"), 50, stdin=stream)
    assert caught.value.code == "E015"
    assert caught.value.source == "-"
    assert stream.tell() == 51
    assert "51" not in caught.value.message  # not the bytes read presented as the input's size


def test_stdin_is_read() -> None:
    assert read_item(InputItem("-"), 100, stdin=io.BytesIO(b"A story.")) == b"A story."
