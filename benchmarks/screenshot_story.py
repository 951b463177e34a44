"""The README's screenshot of the story page, made by the browser test's own code path.

    python benchmarks/screenshot_story.py [--out docs]

Ingests the bundled sample story into a temporary store, serves the desk on a free loopback port,
walks the story page in headless Chromium (``tests/web/browser_harness.py`` ``walk_story``, as
``tests/web/test_desk_browser.py`` does) and copies its ``story-page.png`` into ``--out``
(``--all``: the article the click landed on too, ``article-target.png``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "web"))  # the browser harness

from browser_harness import running_server, walk_story

from claimwatch import api
from claimwatch.store import Store
from claimwatch.web import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs")
    parser.add_argument("--all", action="store_true", help="Also keep the screenshot of the article.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "demo.db")
        with Store(db) as store:
            api.ingest_sample(store)
            story_id = api.list_stories(store, api.sample_gazetteer())[0]["id"]
        app = create_app(db, gazetteers=[api.sample_gazetteer_path()])
        with running_server(app) as base:
            walk = walk_story(base, story_id, Path(folder))
        print(f"{walk.markers} markers; clicked through to {walk.landed_url}")
        args.out.mkdir(parents=True, exist_ok=True)
        for shot in walk.screenshots if args.all else walk.screenshots[:1]:
            print(f"wrote {shutil.copy(shot, args.out / shot.name)}")


if __name__ == "__main__":
    main()
