"""The story page in headless Chromium: the timeline's markers are drawn, and clicking one lands on the
highlighted sentence in its article. Set CLAIMWATCH_SCREENSHOT_DIR to keep the screenshots (the README's
docs/story-page.png is made this way, or by benchmarks/screenshot_story.py)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from browser_harness import CHROMIUM, running_server, walk_story

from claimwatch import api
from claimwatch.web import create_app

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (Debian package chromium)"),
    pytest.mark.slow,
]
pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is in the test extra")


def test_story_timeline_click_lands_on_the_highlighted_sentence(demo_db: Path, story: dict, tmp_path: Path) -> None:
    app = create_app(str(demo_db), gazetteers=[api.sample_gazetteer_path()])
    with running_server(app) as base:
        walk = walk_story(base, story["id"], tmp_path)
    assert walk.markers >= 20, "the timeline drew too few markers"
    match = re.fullmatch(rf"{re.escape(base)}/articles/([0-9a-f]{{16}})#s-([0-9a-f]{{16}})", walk.landed_url or "")
    assert match, walk.landed_url
    assert walk.target is not None, "no element is the URL's target"
    assert walk.target["id"] == f"s-{match.group(2)}" and walk.target["tag"] == "mark"
    assert walk.target["current"] and walk.target["visible"]
    assert walk.target["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    for shot in walk.screenshots:
        assert shot.stat().st_size > 10_000, shot
    blocked_scripts = [e for e in walk.console_errors if "script" in e.lower() or "Uncaught" in e]
    assert not blocked_scripts, blocked_scripts
    keep = os.environ.get("CLAIMWATCH_SCREENSHOT_DIR")
    if keep:
        for shot in walk.screenshots:
            shutil.copy(shot, Path(keep) / shot.name)
