"""The desk against a hostile browser or client: DNS rebinding, huge chunked uploads, leaky errors,
wildcards in filters, login guessing, stale sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.web.security import COOKIE


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "10.0.0.5", "127.0.0.1.nip.io"])
def test_the_tokenless_desk_refuses_other_host_names(client, host: str) -> None:
    for accept in ("application/json", "text/html"):
        response = client.get("/api/stories", headers={"Host": host, "Accept": accept})
        assert response.status_code == 421
        assert "[E508]" in response.text


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_the_tokenless_desk_answers_loopback_names(client, host: str) -> None:
    assert client.get("/api/stories", headers={"Host": host}).status_code == 200


def test_configured_host_names_are_answered(private_desk) -> None:
    desk = private_desk(allowed_hosts=["desk.internal"])
    assert desk.get("/api/stories", headers={"Host": "desk.internal:8000"}).status_code == 200
    assert desk.get("/api/stories", headers={"Host": "attacker.example"}).status_code == 421


def test_a_desk_with_a_token_answers_any_host_that_carries_it(writable, auth) -> None:
    response = writable.get("/api/stories", headers={"Host": "desk.example.org", **auth})
    assert response.status_code == 200


def test_a_chunked_upload_over_the_limit_is_413_e506(writable, auth) -> None:
    def chunks():
        boundary_head = (
            b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n"
            b"Content-Type: text/plain\r\n\r\n"
        )
        yield boundary_head
        for _ in range(20):
            yield b"x" * 65_536
        yield b"\r\n--b--\r\n"

    response = writable.post(
        "/api/ingest", content=chunks(),
        headers={**auth, "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 413
    assert "[E506]" in response.text


def test_not_found_pages_do_not_show_the_database_path(client, demo_db: Path) -> None:
    for accept in ("application/json", "text/html"):
        response = client.get("/api/articles/ffffffffffff", headers={"Accept": accept})
        assert response.status_code == 404
        assert "[E201]" in response.text
        assert str(demo_db) not in response.text and "sqlite" not in response.text


@pytest.mark.parametrize("speaker", ["%", "_", '"', '", "', "[", "%%"])
def test_speaker_filter_takes_wildcards_and_json_syntax_literally(client, speaker: str) -> None:
    assert client.get("/api/statements", params={"speaker": speaker}).json()["total"] == 0


def test_speaker_filter_still_matches_names_and_aliases(client) -> None:
    everyone = client.get("/api/statements", params={"limit": 200}).json()["items"]
    name = next(s["speaker_entity"] for s in everyone if s["speaker_entity"])
    assert client.get("/api/statements", params={"speaker": name[:4].lower()}).json()["total"] > 0


def test_a_blank_token_is_refused(writable) -> None:
    for token in ("", " "):
        response = writable.post("/login", data={"token": token, "next": "/"}, follow_redirects=False)
        assert response.status_code in (401, 422)
        assert COOKIE not in response.headers.get("set-cookie", "")


def test_login_guessing_is_rate_limited(private_desk, token: str) -> None:
    desk = private_desk(token)
    statuses = [desk.post("/login", data={"token": f"guess{i}"}, follow_redirects=False).status_code for i in range(12)]
    assert statuses[0] == 401
    assert statuses[-1] == 429
    refused = desk.post("/login", data={"token": token}, follow_redirects=False)
    assert refused.status_code == 429 and "[E509]" in refused.text  # even the right token, until the wait is over


def _logged_in(desk, token: str) -> str:
    response = desk.post("/login", data={"token": token, "next": "/"}, follow_redirects=False)
    assert response.status_code == 303
    return response.headers["set-cookie"]


def test_the_session_cookie_expires_and_logout_ends_it_on_the_server(private_desk, token: str) -> None:
    desk = private_desk(token)
    cookie = _logged_in(desk, token)
    assert "max-age=" in cookie.lower()
    value = cookie.split(";")[0].split("=", 1)[1]
    headers = {"Cookie": f"{COOKIE}={value}", "Accept": "application/json"}
    assert desk.get("/api/stories", headers=headers).status_code == 200
    desk.post("/logout", headers={"Cookie": f"{COOKIE}={value}"}, follow_redirects=False)
    assert desk.get("/api/stories", headers=headers).status_code == 401


def test_the_cookie_is_secure_only_over_tls(private_desk, token: str) -> None:
    assert "secure" not in _logged_in(private_desk(token), token).lower()
    tls = private_desk(token)
    tls.base_url = tls.base_url.copy_with(scheme="https")
    assert "secure" in _logged_in(tls, token).lower()


def test_an_upload_of_hostile_inputs_answers_coded_errors_and_keeps_the_good_record(private_desk, auth) -> None:
    desk = private_desk(auth["Authorization"][7:], max_upload_bytes=1_000_000)
    deep = '{"text": "x", "extra": ' + "[" * 5_000 + "]" * 5_000 + "}"
    good = (
        '{"title": "Ferry service resumes", "text": "Ferry service between Kalven and the islands resumed on '
        'Wednesday after a two-day halt, the operator said."}'
    )
    long_body = ("The harbour authority of Kalven said on Tuesday it would consider a new tariff.\n\n" * 3_000)
    files = [
        ("files", ("feed.jsonl", f"{deep}\n{good}\n", "application/json")),
        ("files", ("long.txt", long_body, "text/plain")),
    ]
    response = desk.post("/api/ingest", files=files, headers=auth)
    assert response.status_code == 200, response.text
    errors = {o["source"]: o.get("error", "")[:6] for o in response.json()["outcomes"] if o["status"] == "failed"}
    assert errors == {"feed.jsonl:1": "[E012]", "long.txt": "[E014]"}
    assert response.json()["ingested"] == 1
