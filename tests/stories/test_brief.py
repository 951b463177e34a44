"""The brief: its JSON shape, the bottom line, Markdown sections and HTML escaping, on a hand-made store."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from claimwatch.errors import StoreError
from claimwatch.stories.brief import (
    GENERIC_UNKNOWNS,
    STATUS_LIKELIHOOD,
    _sentence,
    build_brief,
    render_html,
    render_markdown,
    revision_note,
)
from claimwatch.stories.features import body_minhash, long_quotes
from claimwatch.stories.grading import SourceRegistry, load_registry
from claimwatch.stories.status import STATUS_ORDER

CLAIM = {
    "id": "c-troops", "key": "send_troops|XKE|XVA", "text": "Kestria is sending troops to Valdoria",
    "predicate": "send_troops", "actor": "Kestria", "actor_code": "XKE", "recipient": "Valdoria",
    "recipient_code": "XVA",
}
OTHER_CLAIM = {
    "id": "c-grain", "key": "supply_weapons|XOS|", "text": "Ostravia is supplying weapons",
    "predicate": "supply_weapons", "actor": "Ostravia", "actor_code": "XOS", "recipient": None, "recipient_code": None,
}
WATCH = {
    "id": "0a1b2c3d4e5f6789", "text": "Kestria is sending troops to Valdoria", "claim_key": CLAIM["key"],
    "predicate": "send_troops", "actor_code": "XKE", "actor": "Kestria", "recipient_code": "XVA",
    "created_at": datetime(2025, 3, 18),
}
SCRIPT = "<script>alert('x')</script>"
STATEMENT_KEYS = {
    "speaker", "speaker_entity", "act", "certainty", "conditional", "said_on", "outlet", "quote", "article_id",
    "admiralty",
}
BRIEF_KEYS = {"id", "claim", "status", "bottom_line", "reports", "independent_origins", "voices", "statements",
              "status_history"}


def article(key: str, outlet: str, day: int, body: str, agencies=()) -> dict:
    published = f"2025-03-{day:02d}T09:00:00+00:00"
    return {
        "id": key, "outlet": outlet, "title": f"{outlet} report of 2025-03-{day:02d}", "published": published,
        "published_utc": datetime(2025, 3, day, 9), "ingested_at": datetime(2025, 3, 20), "url": f"https://x.example/{key}",
        "agencies": list(agencies), "revision_of": None, "body": body,
    }


ARTICLES = {
    row["id"]: row
    for row in (
        article("a1", "Ostravia Today", 3, "Vantosh accused Kestria of sending troops to Valdoria in a video address."),
        article("a2", "Meridian Wire", 4, "The Citadel called the accusation a provocation and a fabrication."),
        article("a3", "Harbor Post", 4, "The Citadel called the accusation a provocation and a fabrication.",
                agencies=["Meridian Wire"]),
        article("a4", "The Arnhal Times", 14, "The NIB confirmed that 1,500 Kestrian troops were sent to Valdoria."),
        article("a5", "Northgate Daily", 15, "Ostravia is supplying weapons to its brigades, a report said."),
    )
}


def statement(key: str, article_id: str, entity: str, act: str, **fields) -> dict:
    row = ARTICLES[article_id]
    defaults = {
        "id": key, "article_id": article_id, "speaker": entity, "speaker_entity": entity, "speaker_type": "person",
        "speaker_role": None, "speaker_affiliation": None, "speaker_country": None, "voice": "speaker", "act": act,
        "certainty": "not stated", "probability": None, "polarity": "affirmed", "evidential": None,
        "conditional": False, "said_on": row["published"][:10], "published": row["published"], "outlet": row["outlet"],
        "url": row["url"], "content": row["body"], "content_start": 0, "content_end": len(row["body"]), "start": 0,
        "claim_id": CLAIM["id"],
    }
    return {**defaults, **fields}


STATEMENTS = [
    statement("s1", "a1", "Mirela Vantosh", "accuses", speaker_role="President", speaker_country="XOS"),
    statement("s2", "a2", "Government of Valdoria", "denies", speaker="the Citadel", speaker_type="government",
              speaker_country="XVA", polarity="negated", certainty="almost no chance",
              content=f'"a provocation" {SCRIPT} | and more'),
    statement("s3", "a3", "Government of Valdoria", "denies", speaker="the Citadel", speaker_type="government",
              speaker_country="XVA", polarity="negated", certainty="almost no chance"),
    statement("s4", "a4", "Dana Whitlock", "asserts", speaker_role="spokesperson", conditional=True,
              certainty="not stated"),
    statement("s5", "a4", "National Intelligence Bureau", "confirms", speaker_type="organization",
              speaker_country="XSE", certainty="almost certain", probability=0.97, said_on="2025-03-14"),
    statement("s6", "a4", "The Arnhal Times", "reports", speaker_type="outlet", voice="outlet"),
    statement("s7", "a5", "Ostravian Foreign Ministry", "asserts", claim_id=OTHER_CLAIM["id"],
              speaker_type="organization", speaker_country="XOS"),
]


def features_of(body: str) -> dict:
    return {"minhash": list(body_minhash(body)), "quotes": list(long_quotes(body))}


class FakeStore:
    """The part of ``Store`` the brief reads, over the rows above."""

    def __init__(self, statements=STATEMENTS, watches=(WATCH,), story_ids=("a1", "a2", "a3", "a4", "a5")) -> None:
        self._statements = [dict(row) for row in statements]
        self._watches = list(watches)
        self._story = {"id": "5t0ry5t0ry5t0ry0", "title": "Vantosh accuses Kestria", "article_ids": list(story_ids)}

    def watches(self) -> list[dict]:
        return self._watches

    def watch_reports(self, watch_id: str) -> list[dict]:
        return [{"watch_id": watch_id, "article_id": "a4", "stance": "agree", "probability": 0.9}]

    def list_claims(self) -> list[dict]:
        return [CLAIM, OTHER_CLAIM]

    def claims_by_id(self, ids: set[str]) -> dict[str, dict]:
        return {claim["id"]: claim for claim in (CLAIM, OTHER_CLAIM) if claim["id"] in ids}

    def article_ids_with_claims(self, claim_ids) -> list[str]:
        return sorted({row["article_id"] for row in self._statements if row["claim_id"] in claim_ids})

    def articles_matching(self, expression: str) -> None:
        return None  # no full-text index: every article is a candidate

    def article_ids(self) -> list[str]:
        return list(ARTICLES)

    def list_statements(self, article_ids: list[str] | None = None, claim_ids: list[str] | None = None) -> list[dict]:
        return [
            dict(row)
            for row in self._statements
            if (article_ids is None or row["article_id"] in article_ids)
            and (claim_ids is None or row["claim_id"] in claim_ids)
        ]

    def story(self, target: str) -> dict:
        if not self._story["id"].startswith(target):
            raise StoreError(f"no story {target}")
        return self._story

    def articles_by_id(self, ids: list[str]) -> dict[str, dict]:
        return {key: dict(ARTICLES[key]) for key in ids if key in ARTICLES}

    def features(self, ids: list[str]) -> dict[str, dict]:
        return {key: features_of(ARTICLES[key]["body"]) for key in ids if key in ARTICLES}


@pytest.fixture(scope="module")
def registry() -> SourceRegistry:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CLAIMWATCH_SOURCES", raising=False)
        return load_registry()


@pytest.fixture(scope="module")
def watch_brief(sample_gazetteer, registry) -> dict:
    return build_brief(FakeStore(), WATCH["id"][:6], sample_gazetteer, registry)


def test_json_shape(watch_brief: dict) -> None:
    assert set(watch_brief) >= BRIEF_KEYS
    assert watch_brief["kind"] == "watch"
    assert watch_brief["id"] == WATCH["id"]  # a prefix finds the watch
    assert watch_brief["claim"] == WATCH["text"]
    assert watch_brief["status"] in STATUS_ORDER
    assert isinstance(watch_brief["reports"], int) and isinstance(watch_brief["independent_origins"], int)
    assert all(isinstance(name, str) for name in watch_brief["voices"])
    assert watch_brief["statements"] and watch_brief["status_history"]
    for row in watch_brief["statements"]:
        assert set(row) >= STATEMENT_KEYS
        assert isinstance(row["conditional"], bool)
        assert re.fullmatch(r"[A-F][1-6]", row["admiralty"])
    for item in watch_brief["status_history"]:
        assert {"status", "on", "statement_id"} <= set(item)
        assert item["status"] in STATUS_ORDER
    for row in watch_brief["sources"]:
        assert re.fullmatch(r"[A-F][1-6]", row["admiralty"])
    assert json.loads(json.dumps(watch_brief)) == watch_brief  # JSON-ready as it is


def test_watch_brief_holds_only_the_watched_claim(watch_brief: dict) -> None:
    assert [row["id"] for row in watch_brief["statements"]] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert "a5" not in {row["article_id"] for row in watch_brief["sources"]}


def test_counts_reports_origins_and_voices(watch_brief: dict) -> None:
    assert watch_brief["reports"] == 4
    assert watch_brief["independent_origins"] == 3  # a3 is a copy of the wire story a2
    assert {row["article_id"]: row["origin"] for row in watch_brief["sources"]}["a3"] == "a2"
    # The outlet's own voice is no voice of the story.
    assert watch_brief["voices"] == ["Dana Whitlock", "Government of Valdoria", "Mirela Vantosh",
                                     "National Intelligence Bureau"]


def test_status_history_names_each_cause(watch_brief: dict) -> None:
    assert [(item["status"], item["statement_id"]) for item in watch_brief["status_history"]] == [
        ("unverified", "s1"), ("contested", "s2"), ("officially confirmed", "s5"),
    ]
    assert watch_brief["status"] == "officially confirmed"
    assert watch_brief["status_history"][-1]["on"] == "2025-03-14"


def test_statement_row_fields(watch_brief: dict) -> None:
    rows = {row["id"]: row for row in watch_brief["statements"]}
    assert rows["s2"]["speaker"] == "the Citadel"
    assert rows["s2"]["speaker_entity"] == "Government of Valdoria"
    assert rows["s2"]["act"] == "denies"
    assert rows["s2"]["quote"].startswith('"a provocation"')
    assert rows["s2"]["link"] == "/articles/a2#s-s2"
    assert rows["s4"]["conditional"] is True
    assert rows["s5"]["said_on"] == "2025-03-14"
    assert rows["s5"]["outlet"] == "The Arnhal Times"
    assert rows["s5"]["source_type"] == "intelligence"
    assert rows["s5"]["admiralty"] == "B1"  # intelligence service: B; a supporting item of a confirmed claim: 1
    assert rows["s2"]["admiralty"] == "D5"  # a party's government: D; denying a confirmed claim: improbable
    assert rows["s1"]["admiralty"] == "B1"


def test_sources_graded_by_outlet(watch_brief: dict) -> None:
    sources = {row["article_id"]: row for row in watch_brief["sources"]}
    assert sources["a2"]["source_type"] == "wire_agency"
    assert sources["a2"]["admiralty"] == "B5"  # carries only the denial
    assert sources["a4"]["report_stance"] == "agree"
    assert sources["a4"]["admiralty"] == "C1"


def test_bottom_line(watch_brief: dict) -> None:
    assert watch_brief["likelihood"] == "almost certain"
    assert watch_brief["bottom_line"] == (
        "It is almost certain that Kestria is sending troops to Valdoria (status: officially confirmed; "
        "4 reports from 3 independent origins, 4 voices)."
    )


@pytest.mark.parametrize(
    ("status", "opening"),
    [
        ("officially confirmed", "It is almost certain that Kestria"),
        ("corroborated", "It is likely that Kestria"),
        ("contested", "There is a roughly even chance that Kestria"),
        ("unverified", "There is a roughly even chance that Kestria"),
        ("refuted", "It is very unlikely that Kestria"),
    ],
)
def test_bottom_line_wording_per_status(status: str, opening: str, sample_gazetteer, registry, monkeypatch) -> None:
    from claimwatch.stories import brief as module

    history = [{"status": status, "on": "2025-03-14", "statement_id": "s1"}]
    monkeypatch.setattr(module, "status_history", lambda occasions, parties: history)
    built = build_brief(FakeStore(), WATCH["id"], sample_gazetteer, registry)
    assert built["bottom_line"].startswith(opening)


def test_counts_in_words_are_singular_for_one(sample_gazetteer, registry) -> None:
    brief = build_brief(FakeStore(STATEMENTS[:1]), WATCH["id"], sample_gazetteer, registry)
    assert brief["bottom_line"].endswith("(status: unverified; 2 reports from 2 independent origins, 1 voice).")
    assert "2 reports, 2 independent origins; 1 distinct voice." in brief["key_judgments"]


def test_key_judgments_and_unknowns(watch_brief: dict) -> None:
    judgments = " ".join(watch_brief["key_judgments"])
    assert "Status: officially confirmed, since 2025-03-14." in judgments
    assert "Denied or doubted by: Government of Valdoria." in judgments
    assert "Conditional on the reports being true: Dana Whitlock." in judgments
    assert "4 reports, 3 independent origins; 4 distinct voices." in watch_brief["key_judgments"]
    assert watch_brief["unknowns"] == ["the scale and timing: numbers, units and dates beyond the official statement"]


def test_unknowns_of_an_open_claim_name_the_parties(sample_gazetteer, registry) -> None:
    brief = build_brief(FakeStore(STATEMENTS[:3]), WATCH["id"], sample_gazetteer, registry)
    assert brief["status"] == "contested"
    assert brief["likelihood"] == "roughly even chance"
    assert brief["unknowns"][0] == "independent imagery or verified footage of Kestria personnel in or for Valdoria"
    assert brief["unknowns"][-len(GENERIC_UNKNOWNS):] == GENERIC_UNKNOWNS


def test_a_watch_with_no_statement_is_unverified(sample_gazetteer, registry) -> None:
    brief = build_brief(FakeStore([]), WATCH["id"], sample_gazetteer, registry)
    assert (brief["status"], brief["statements"], brief["status_history"]) == ("unverified", [], [])
    assert brief["key_judgments"][0] == "No statement bears on this claim yet."
    assert brief["reports"] == 1  # the report the stance model linked


def test_story_brief_follows_the_story_s_main_claim(sample_gazetteer, registry) -> None:
    brief = build_brief(FakeStore(watches=()), "5t0ry", sample_gazetteer, registry)
    assert brief["kind"] == "story"
    assert brief["id"] == "5t0ry5t0ry5t0ry0"
    assert brief["claim"] == CLAIM["text"]
    assert "s7" not in {row["id"] for row in brief["statements"]}  # another claim's statement
    assert brief["reports"] == 5  # every report of the story is a source
    assert set(brief) >= BRIEF_KEYS


def test_story_brief_without_claims_uses_the_story_title(sample_gazetteer, registry) -> None:
    unclaimed = [{**row, "claim_id": None} for row in STATEMENTS]
    brief = build_brief(FakeStore(unclaimed, watches=()), "5t0ry", sample_gazetteer, registry)
    assert brief["claim"] == "Vantosh accuses Kestria"
    # Only the statements bearing on the title take part: the accusation, not the weapons story.
    ids = {row["id"] for row in brief["statements"]}
    assert "s1" in ids and "s7" not in ids


def test_positions_put_the_accuser_and_the_denier_on_their_sides(watch_brief: dict) -> None:
    sides = {p["voice"]: p["stance"] for p in watch_brief["positions"]}
    assert sides["Mirela Vantosh"] == "backs"
    assert sides["Government of Valdoria"] == "denies"
    assert sides["National Intelligence Bureau"] == "backs"
    assert sides["Dana Whitlock"] == "neutral"  # conditional: "if true"
    assert "The Arnhal Times" not in sides  # the outlet's own voice is no position
    assert any(j.startswith("Denied or doubted by: Government of Valdoria") for j in watch_brief["key_judgments"])


@pytest.mark.parametrize(("status", "term"), sorted(STATUS_LIKELIHOOD.items()))
def test_every_status_has_an_icd_203_term(status: str, term: str) -> None:
    assert status in STATUS_ORDER
    assert term in {"almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely",
                    "almost certain"}


def test_icd_terms_rise_with_the_status() -> None:
    scale = ["very unlikely", "roughly even chance", "likely", "almost certain"]
    order = ["refuted", "unverified", "corroborated", "officially confirmed"]
    assert [scale.index(STATUS_LIKELIHOOD[status]) for status in order] == [0, 1, 2, 3]
    assert set(STATUS_LIKELIHOOD) == set(STATUS_ORDER)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Kestria is sending troops to Valdoria", "Kestria is sending troops to Valdoria"),
        ("Kestria is sending troops to Valdoria.", "Kestria is sending troops to Valdoria"),
        ("The reports of Kestrian troops are true", "the reports of Kestrian troops are true"),
        ("  North Korea is sending troops to Russia  ", "North Korea is sending troops to Russia"),
        ("", ""),
    ],
)
def test_claim_inside_the_bottom_line(claim: str, expected: str) -> None:
    assert _sentence(claim) == expected


def test_markdown_has_the_sections(watch_brief: dict) -> None:
    text = render_markdown(watch_brief)
    assert text.startswith(f"# Brief: {WATCH['text']}\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Key judgments", "## Positions", "## Who says what", "## Status timeline", "## Still unknown", "## Sources",
    ]
    assert f"**Bottom line:** {watch_brief['bottom_line']}" in text
    assert "| date | speaker | role | act | certainty | cond. | outlet | grade | quote |" in text
    assert "- 2025-03-14: **officially confirmed** after National Intelligence Bureau confirms (statement s5)" in text
    assert "[a provocation" not in text  # the quote keeps its quotation mark
    assert '[\\"a provocation\\"' not in text
    assert "\\| and more" in text  # a pipe in a quote does not break the table
    assert "](/articles/a2#s-s2)" in text


def test_markdown_table_rows_have_nine_cells(watch_brief: dict) -> None:
    text = render_markdown(watch_brief)
    section = text.split("## Who says what")[1].split("## Status timeline")[0]
    rows = [line for line in section.splitlines() if line.startswith("| 20")]
    assert len(rows) == len(watch_brief["statements"])
    for line in rows:
        assert len(re.split(r"(?<!\\)\|", line)) == 11  # nine cells between ten unescaped pipes


def test_markdown_shortens_long_quotes(watch_brief: dict) -> None:
    long = {**watch_brief, "statements": [{**watch_brief["statements"][0], "quote": "word " * 60}]}
    (line,) = [line for line in render_markdown(long).splitlines() if "](/articles/" in line]
    assert "...](/articles/" in line


def test_html_escapes_a_script_in_a_quote(watch_brief: dict) -> None:
    page = render_html(watch_brief)
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert page.count("<script") == 0
    for heading in ("Key judgments", "Who says what", "Status timeline", "Still unknown", "Sources"):
        assert f"<h2>{heading}</h2>" in page


def test_html_escapes_the_claim_and_sources(watch_brief: dict) -> None:
    hostile = {
        **watch_brief,
        "claim": f"Kestria {SCRIPT}",
        "bottom_line": f"It is likely that {SCRIPT}",
        "sources": [{**watch_brief["sources"][0], "title": f"<img src=x onerror=alert(1)> {SCRIPT}"}],
    }
    page = render_html(hostile)
    assert "<script" not in page and "<img" not in page
    assert "<title>Brief: Kestria &lt;script&gt;" in page


@pytest.mark.parametrize(
    ("revision", "updated", "note"),
    [
        (1, None, None),
        (1, "2025-03-12T10:30:00+00:00", None),
        (2, "2025-03-12T10:30:00+00:00", "revision 2, updated 2025-03-12T10:30:00+00:00"),
        (3, None, "revision 3"),
    ],
)
def test_revision_note(revision: int, updated: str | None, note: str | None) -> None:
    assert revision_note(revision, updated) == note


def test_a_revised_report_is_marked_in_both_renderings(watch_brief: dict) -> None:
    row = {**watch_brief["sources"][0], "revision": 2, "revision_note": "revision 2"}
    brief = {**watch_brief, "sources": [row]}
    assert f"{row['title']} (revision 2) |" in render_markdown(brief)
    assert "<small>(revision 2)</small>" in render_html(brief)
    assert "(revision" not in render_markdown(watch_brief)


def test_sources_carry_each_report_s_revision(watch_brief: dict) -> None:
    assert all(row["revision"] >= 1 and "updated" in row for row in watch_brief["sources"])
