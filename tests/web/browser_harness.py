"""The desk in a real browser: a server on a free loopback port, and a walk through a story page.

Used by the browser test and by ``benchmarks/screenshot_story.py`` (the README's screenshot), so
the picture in the README is what the test saw. Needs uvicorn and, for the walk, Playwright's
Python package (test extra) driving the system's Chromium (Debian's ``chromium``); Playwright's
own browser downloads are never used.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 768}
# What the target sentence looks like once the article has scrolled to it.
_TARGET_STATE = """() => {
  const el = document.querySelector(':target');
  if (!el) return null;
  const box = el.getBoundingClientRect();
  return {id: el.id, tag: el.tagName.toLowerCase(), current: el.classList.contains('current'),
          visible: box.bottom > 0 && box.top < window.innerHeight, background: getComputedStyle(el).backgroundColor};
}"""


@dataclass
class Walk:
    """What the walk through a story page saw."""

    markers: int = 0
    clicked_link: str | None = None
    landed_url: str | None = None
    target: dict | None = None
    screenshots: list[Path] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(app, port: int | None = None, timeout: float = 20.0) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on 127.0.0.1; yields its base URL, stops it on exit."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="claimwatch-desk", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the desk did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)


def walk_story(base_url: str, story_id: str, folder: Path, story_shot: str = "story-page.png") -> Walk:
    """Open the story page, count the drawn timeline markers, click one and read where it lands."""
    from playwright.sync_api import sync_playwright

    walk = Walk()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.on("console", lambda message: _console(walk, message))
            page.on("pageerror", lambda error: walk.console_errors.append(str(error)))
            page.goto(f"{base_url}/stories/{story_id}")
            page.wait_for_selector("#timeline[data-drawn]", timeout=20_000)
            markers = page.locator("#timeline .scatterlayer .point")
            walk.markers = markers.count()
            walk.screenshots.append(_shot(page, folder / story_shot))
            _click_marker(page, markers, walk)
            walk.screenshots.append(_shot(page, folder / "article-target.png"))
        finally:
            browser.close()
    return walk


def _click_marker(page, markers, walk: Walk) -> None:
    """Click a marker inside the plotting area (from the middle of the list) and wait for the article."""
    area = page.locator("#timeline .nsewdrag").first.bounding_box()
    x, y = _marker_inside(markers, walk.markers, area)
    page.mouse.move(x, y)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
    page.mouse.click(x, y)
    page.wait_for_url("**/articles/*#s-*", timeout=10_000)
    page.wait_for_load_state("load")
    walk.landed_url = page.url
    walk.target = page.evaluate(_TARGET_STATE)


def _marker_inside(markers, count: int, area: dict) -> tuple[float, float]:
    for index in [*range(count // 2, count), *range(count // 2)]:
        box = markers.nth(index).bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        if area["x"] < x < area["x"] + area["width"] and area["y"] < y < area["y"] + area["height"]:
            markers.nth(index).scroll_into_view_if_needed()
            box = markers.nth(index).bounding_box()
            return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    raise AssertionError("no timeline marker inside the plotting area")


def _shot(page, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


def _console(walk: Walk, message) -> None:
    if message.type == "error":
        walk.console_errors.append(message.text)
