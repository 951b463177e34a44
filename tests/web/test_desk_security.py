"""Security of the desk: hostile article text rendered inert on every page, headers, the token, read-only mode,
upload limits, and malformed requests answered with 4xx JSON, never a 500."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimwatch import api
from claimwatch.cli import app as cli_app
from claimwatch.store import Store
from claimwatch.web.security import COOKIE
from claimwatch.web.server import check_bind

HOSTILE = """Minister calls report a fabrication <script>alert('title')</script>

By Ana <img src=x onerror=alert('byline')> Korvel

KALVEN, Ostravia — Foreign Minister Teodor Halas said on Tuesday that "<script>alert('quote')</script> the report \
is a fabrication <img src=x onerror=alert('img')>", rejecting claims that Kestrian troops are in Valdoria.

"Read it at <a href="javascript:alert('link')">this link</a> and close the form \
</textarea><script>alert('ta')</script>," Halas told reporters in Kalven.

President Mirela Vantosh said Kestria was sending troops <svg onload=alert('svg')> to Valdoria, and that \
"the evidence </script><script>alert('json')</script> is clear".
"""
HOSTILE_MARKERS = ("alert('quote')", "onerror=alert('img')", "javascript:alert('link')", "</textarea>")


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text inside each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def assert_inert(html: str, where: str) -> None:
    parser = Elements()
    parser.feed(html)
    for tag, attrs in parser.elements:
        assert tag not in ("img", "svg", "textarea", "iframe", "object", "embed"), (where, tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, attrs)
            assert not (value or "").strip().lower().startswith("javascript:"), (where, tag, attrs)
        if tag == "script":
            external = attrs.get("src", "").startswith("/static/")
            assert external or attrs.get("type") == "application/json", (where, attrs)
    for text in parser.scripts:
        if text.strip():
            json.loads(text)  # data blocks only, whole: nothing broke out of them
            assert "</" not in text, where


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, client_for) -> tuple:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "hostile.db"
    with Store(str(db)) as store:
        report = api.ingest(store, [str(folder / "hostile.txt")], fmt="text", gazetteer=api.sample_gazetteer())
        assert not report.failures, report.failures
        story = api.list_stories(store, api.sample_gazetteer())[0]
        statements = api.list_statements(store)
    return client_for(db), story, statements


def hostile_pages(story: dict, statements: list[dict]) -> list[str]:
    article = story["article_ids"][0]
    entities = {s["speaker_entity_id"] for s in statements if s["speaker_entity_id"]}
    return [
        "/", "/search?q=script", "/search?q=alert&kind=articles", "/search?q=%3Cscript%3E", "/docs",
        f"/stories/{story['id']}", f"/stories/{story['id']}/matrix", f"/articles/{article}",
        f"/articles/{article}?compare={article}", *(f"/entities/{e}" for e in sorted(entities)),
        f"/api/briefs/{story['id']}?format=html", "/stories/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/articles/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    ]


def test_hostile_article_text_is_inert_on_every_page(hostile) -> None:
    client, story, statements = hostile
    assert any("<script>" in s["content"] for s in statements)  # the hostile text did reach the store
    shown = ""
    for url in hostile_pages(story, statements):
        response = client.get(url, headers={"Accept": "text/html"})
        assert response.status_code in (200, 404), url
        assert response.headers["content-type"].startswith("text/html"), url
        assert_inert(response.text, url)
        shown += response.text
    for marker in HOSTILE_MARKERS:  # shown as text, escaped
        assert marker not in shown
    assert "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;" in shown
    assert "&lt;/textarea&gt;" in shown
    assert "javascript:alert(&#39;link&#39;)" in shown


def test_hostile_text_in_json_and_markdown_is_data(hostile) -> None:
    client, story, _ = hostile
    response = client.get("/api/statements?q=fabrication")
    assert response.headers["content-type"] == "application/json"
    assert any("<script>" in s["content"] for s in response.json()["items"])
    markdown = client.get(f"/api/briefs/{story['id']}?format=md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.headers["x-content-type-options"] == "nosniff"


def test_security_headers_on_pages_api_and_errors(client, story) -> None:
    for url in ("/", f"/stories/{story['id']}", "/api/statements", "/api/nope", "/static/desk.js"):
        headers = client.get(url).headers
        assert headers["x-content-type-options"] == "nosniff", url
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp, url
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, url
    first, second = (client.get(f"/stories/{story['id']}") for _ in range(2))
    nonce = first.headers["content-security-policy"].split("'nonce-")[1].split("'")[0]
    assert nonce != second.headers["content-security-policy"].split("'nonce-")[1].split("'")[0]
    parser = Elements()
    parser.feed(first.text)
    for tag, attrs in parser.elements:
        if tag == "script":
            assert attrs.get("nonce") == nonce
        assert "style" not in attrs, (tag, attrs)  # no inline style attributes: the CSP would block them


def test_read_only_without_a_token(client) -> None:
    for method, url, body in (("post", "/api/watches", {"claim": "Kestria is sending troops"}),
                              ("delete", "/api/watches/abc", None), ("post", "/api/ingest", None)):
        response = getattr(client, method)(url, **({"json": body} if body else {}))
        assert response.status_code == 403, url
        assert response.json()["error"]["code"] == "E502"


def test_token_required_on_every_request(writable, auth) -> None:
    refused = writable.get("/api/statements")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "E501"
    assert refused.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/statements", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert writable.get("/api/statements", headers=auth).status_code == 200
    page = writable.get("/stories/x?y=1", headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fstories%2Fx%3Fy%3D1"
    assert writable.get("/login").status_code == 200
    assert writable.get("/static/desk.js").status_code == 401


def test_login_sets_a_strict_cookie_and_never_the_token(writable, auth) -> None:
    wrong = writable.post("/login", data={"token": "nope", "next": "/"}, follow_redirects=False)
    assert wrong.status_code == 401
    right = writable.post("/login", data={"token": auth["Authorization"][7:], "next": "//evil.example/x"},
                          follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/"
    cookie = right.headers["set-cookie"]
    for flag in ("HttpOnly", "SameSite=strict"):  # Secure over TLS only: test_desk_robust.py
        assert flag.lower() in cookie.lower(), cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    assert value and auth["Authorization"][7:] not in value
    home = writable.get("/", headers={"Cookie": f"{COOKIE}={value}", "Accept": "text/html"})
    assert home.status_code == 200 and "Log out" in home.text


def test_cross_site_writes_are_refused(writable, auth) -> None:
    response = writable.post("/api/watches", json={"claim": "Kestria is sending troops to Valdoria"},
                             headers={**auth, "Origin": "https://evil.example"})
    assert response.status_code == 403


class StubReportModel:
    """Stands in for the trained report-stance model (data/models may hold none): every report "discusses"."""

    def predict(self, pairs: list) -> list:
        return [("discuss", {"agree": 0.1, "disagree": 0.1, "discuss": 0.7, "unrelated": 0.1}) for _ in pairs]


def test_watch_creation_with_the_token(writable, auth, monkeypatch) -> None:
    import claimwatch.stance.report

    monkeypatch.setattr(claimwatch.stance.report, "load_report_stance_model", StubReportModel)
    created = writable.post("/api/watches", json={"claim": "Kestria is sending troops to Valdoria"}, headers=auth)
    assert created.status_code == 201, created.text
    watch = created.json()
    assert set(watch) == {"id", "claim", "claim_key", "created_at"}
    assert writable.get("/api/watches", headers=auth).json() == [watch]
    page = writable.get(f"/watches/{watch['id']}", headers=auth)
    assert page.status_code == 200 and "Timeline" in page.text
    home = writable.get("/", headers=auth)
    assert f"/watches/{watch['id']}" in home.text and "badge status-" in home.text
    assert writable.delete(f"/api/watches/{watch['id']}", headers=auth).status_code == 204
    assert writable.get("/api/watches", headers=auth).json() == []


def test_ingest_by_upload_with_the_cli_errors(writable, auth, make_story) -> None:
    files = [
        ("files", ("harbour.txt", make_story().encode(), "text/plain")),
        ("files", ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "text/plain")),
        ("files", ("empty.txt", b"", "text/plain")),
    ]
    response = writable.post("/api/ingest", files=files, headers=auth)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["ingested"], report["failed"]) == (1, 2)
    errors = {o["source"]: o.get("error", "")[:6] for o in report["outcomes"]}
    assert errors == {"harbour.txt": "", "image.txt": "[E002]", "empty.txt": "[E001]"}
    again = writable.post("/api/ingest", files=files[:1], headers=auth).json()
    assert again["duplicate"] == 1
    bad = writable.post("/api/ingest", files=files[1:], headers=auth)
    assert bad.status_code == 422


def test_upload_size_limit(writable, auth) -> None:
    big = [("files", ("big.txt", b"word " * 50_000, "text/plain"))]
    response = writable.post("/api/ingest", files=big, headers=auth)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "E506"


BAD_REQUESTS = [
    ("get", "/api/statements?limit=0"), ("get", "/api/statements?limit=-5"), ("get", "/api/statements?limit=abc"),
    ("get", "/api/statements?limit=100000"), ("get", "/api/statements?offset=-1"),
    ("get", "/api/statements?offset=99999999999999999999"), ("get", "/api/statements?since=yesterday"),
    ("get", "/api/statements?until=2025-13-45"), ("get", "/api/statements?article=zzzz"),
    ("get", "/api/statements?story=nosuch"), ("get", "/api/statements?speaker=" + "x" * 5000),
    ("get", "/api/search"),
    ("get", "/api/search?q="), ("get", "/api/search?kind=images&q=troops"), ("get", "/api/briefs/nosuch"),
    ("get", "/api/briefs/3?format=pdf"), ("get", "/api/articles/%00"), ("get", "/api/articles/q"),
    ("get", "/api/articles/x/diff"), ("get", "/api/entities/nosuch"), ("get", "/api/stories/nosuch"),
    ("get", "/api/nosuch"), ("put", "/api/articles"), ("delete", "/api/statements"),
    ("get", "/articles/nosuch"), ("get", "/entities/nosuch"), ("get", "/watches/nosuch"),
    ("get", "/stories/nosuch/matrix"), ("get", "/search?kind=x"),
]


@pytest.mark.parametrize(("method", "url"), BAD_REQUESTS)
def test_malformed_requests_get_4xx_json(client, method: str, url: str) -> None:
    response = getattr(client, method)(url)
    assert 400 <= response.status_code < 500, (url, response.status_code, response.text[:300])
    error = response.json()["error"]
    assert error["status"] == response.status_code and error["message"]


ODD_BUT_VALID = [
    '/api/statements?q=" AND ( NEAR', "/api/statements?q=*", "/api/search?q=%22%22%22", "/api/search?q=NOT",
    "/api/search?q=a%20OR%20b%20NEAR/2", "/api/statements?speaker=%25_%5C", "/api/articles?outlet=%27%3B%20DROP",
    "/search?q=%00",
]


@pytest.mark.parametrize("url", ODD_BUT_VALID)
def test_search_syntax_is_read_as_words(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])


def test_malformed_writes_get_4xx_json(writable, auth) -> None:
    posts = [
        ("/api/watches", {"content": b"{not json", "headers": {**auth, "Content-Type": "application/json"}}),
        ("/api/watches", {"json": {}, "headers": auth}),
        ("/api/watches", {"json": {"claim": "x"}, "headers": auth}),
        ("/api/watches", {"json": {"claim": ["a", "b"]}, "headers": auth}),
        ("/api/ingest", {"headers": auth}),
        ("/api/ingest", {"content": b"--x\r\nbroken", "headers": {**auth, "Content-Type": "multipart/form-data"}}),
        ("/api/ingest", {"data": {"format": "pdf"}, "files": [("files", ("a.txt", b"x", "text/plain"))],
                         "headers": auth}),
        ("/api/ingest", {"content": b"x", "headers": {**auth, "Content-Length": "abc"}}),
    ]
    for url, options in posts:
        response = writable.post(url, **options)
        assert 400 <= response.status_code < 500, (url, options.get("json"), response.text[:300])
        assert response.json()["error"]["status"] == response.status_code
    assert writable.delete("/api/watches/nosuch", headers=auth).status_code == 404


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.text(max_size=40))
def test_search_words_never_break_the_server(client, words: str) -> None:
    for url in ("/api/search", "/api/statements", "/api/articles"):
        response = client.get(url, params={"q": words, "speaker": words} if url == "/api/statements" else {"q": words})
        assert response.status_code in (200, 422), (url, words, response.text[:200])


def test_serve_refuses_a_public_address_without_a_token(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CLAIMWATCH_TOKEN", raising=False)
    result = CliRunner().invoke(cli_app, ["--db", str(tmp_path / "x.db"), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "[E507]" in result.output
    for host in ("127.0.0.1", "localhost", "::1", "127.5.0.1"):
        check_bind(host, None)
    check_bind("0.0.0.0", "a-token")
