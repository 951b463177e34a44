"""The brief: one page on where a claim stands, for a watch or a story.

Bottom line up front with an ICD 203 term, key judgments, the positions of the voices (who
backs, who denies, hedged or conditional: ``stories/positions.py``), the statements with their
Admiralty grades, the status timeline, what is still unknown, sources.
``build_brief`` returns the JSON-ready dict; ``render_markdown`` and ``render_html`` print it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from spacy.lang.en.stop_words import STOP_WORDS

from claimwatch.errors import StoreError, no_single_match
from claimwatch.extract.dates import iso_to_utc
from claimwatch.gazetteer import Gazetteer
from claimwatch.stance.positions import Relation
from claimwatch.store import Store
from claimwatch.stories.grading import SourceRegistry, credibility, outlet_type, voice_type
from claimwatch.stories.independence import origins
from claimwatch.stories.positions import ClaimPositions, claim_positions
from claimwatch.stories.status import OCCASION_STANCE, occasions, status_history

# The likelihood a status supports, in ICD 203 words (docs/grading.md).
STATUS_LIKELIHOOD = {
    "officially confirmed": "almost certain",
    "corroborated": "likely",
    "contested": "roughly even chance",
    "unverified": "roughly even chance",
    "refuted": "very unlikely",
}
UNKNOWNS = {
    "send_troops": [
        "independent imagery or verified footage of {actor} personnel in or for {recipient}",
        "an acknowledgement by {actor} or {recipient}",
        "casualty, prisoner or unit reports naming {actor} personnel",
    ],
    "supply_weapons": [
        "recovered munitions or shipping records traced to {actor}",
        "an acknowledgement by {actor} or {recipient}",
    ],
}
GENERIC_UNKNOWNS = [
    "confirmation by an intelligence service or government that is not a party",
    "a named, on-the-record source where only unnamed ones speak so far",
]


@dataclass(frozen=True)
class BriefTarget:
    """What a brief (or a positions query) is about: a watch, or a story's main claim."""

    kind: str  # "watch" | "story"
    id: str
    text: str
    claim: dict  # the watch or stored claim row ({} when a story has no claim)
    article_ids: list[str] | None  # a story's reports; None for a watch (the whole store)
    reports: dict[str, dict]  # reports linked by the report-level model (watch) or the story's reports


def resolve_target(store: Store, target: str) -> BriefTarget:
    """The watch or story ``target`` names (an id or a unique prefix of either)."""
    watch = _watch_for(store, target)
    if watch is not None:
        linked = {row["article_id"]: row for row in store.watch_reports(watch["id"])}
        return BriefTarget("watch", watch["id"], watch["text"], watch, None, linked)
    story = store.story(target)
    story_statements = store.list_statements(article_ids=story["article_ids"])
    main = Counter(s["claim_id"] for s in story_statements if s["claim_id"]).most_common(1)
    claim = store.claims_by_id({main[0][0]}).get(main[0][0]) if main else None
    reports = {article_id: {"article_id": article_id, "stance": None} for article_id in story["article_ids"]}
    text = claim["text"] if claim else story["title"]
    return BriefTarget("story", story["id"], text, claim or {}, list(story["article_ids"]), reports)


def target_positions(store: Store, target: BriefTarget, gazetteer: Gazetteer) -> ClaimPositions:
    return claim_positions(store, target.text, gazetteer, claim=target.claim, article_ids=target.article_ids)


def build_brief(store: Store, target: str, gazetteer: Gazetteer, registry: SourceRegistry) -> dict:
    """A brief for a watch or a story id (or a unique prefix of either)."""
    resolved = resolve_target(store, target)
    found = target_positions(store, resolved, gazetteer)
    # A linked report counts only when it names the claim's actors (the model alone pulled in unrelated stories).
    candidates = set(found.article_ids)
    reports = {a: row for a, row in resolved.reports.items() if a in candidates}
    return _assemble(store, resolved, found, reports, gazetteer, registry)


def _watch_for(store: Store, target: str) -> dict | None:
    """The watch ``target`` names, None when it names a story; an ambiguous prefix is an error."""
    watches = [w for w in store.watches() if w["id"].startswith(target)]
    exact = [w for w in watches if w["id"] == target]
    if exact:
        return exact[0]
    try:
        store.story(target)
        story_matches = 1
    except StoreError:
        story_matches = 0
    if len(watches) + story_matches > 1:
        raise no_single_match("watch or story", target, len(watches) + story_matches)
    return watches[0] if watches else None


def _assemble(store, resolved, found, linked_reports, gazetteer, registry) -> dict:
    claim, statements = resolved.claim, found.statements
    article_ids = list(dict.fromkeys([*(s["article_id"] for s in statements), *linked_reports]))
    found_reports = store.articles_by_id(article_ids).values()
    # a revision keeps its first version's publication time: it comes after that version
    reports = sorted(
        found_reports, key=lambda a: (a["published_utc"] or a["ingested_at"], a.get("revision") or 1, a["id"])
    )
    origin_of = origins(reports, store.features(article_ids), gazetteer)
    parties = {code for code in (claim.get("actor_code"), claim.get("recipient_code")) if code}
    statements = sorted(
        statements, key=lambda s: (s["said_on"] or "", _utc(s["published"]), s["article_id"], s["start"], s["id"])
    )
    stances = {s["id"]: OCCASION_STANCE[found.relations[s["id"]].relation] for s in statements}
    types = {s["id"]: voice_type(s, parties, gazetteer) for s in statements}
    all_occasions = occasions(statements, origin_of, types, stances)
    history = status_history(all_occasions, parties)
    status = history[-1]["status"] if history else "unverified"
    statement_rows = [
        _statement_row(s, types[s["id"]], status, registry, found.relations[s["id"]], stances[s["id"]])
        for s in statements
    ]
    source_rows = _sources(
        reports, origin_of, statements, stances, linked_reports, parties, status, gazetteer, registry
    )
    positions = [p.to_json() for p in found.positions]
    voices = sorted({p["voice"] for p in positions})
    independent = len(set(origin_of.values()))
    likelihood = STATUS_LIKELIHOOD[status]
    return {
        "kind": resolved.kind,
        "id": resolved.id,
        "claim": resolved.text,
        "status": status,
        "likelihood": likelihood,
        "bottom_line": f"{_likely_that(likelihood)} {_sentence(resolved.text)} (status: {status}; "
        f"{_count(len(reports), 'report')} from {_count(independent, 'independent origin')}, "
        f"{_count(len(voices), 'voice')}).",
        "key_judgments": _key_judgments(positions, status, history, len(reports), independent),
        "reports": len(reports),
        "independent_origins": independent,
        "voices": voices,
        "positions": positions,
        "statements": statement_rows,
        "status_history": history,
        "unknowns": _unknowns(claim, status, gazetteer),
        "sources": source_rows,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _utc(stamp: str | None) -> datetime:
    """Published times carry different offsets: compare them as UTC moments."""
    return iso_to_utc(stamp) or datetime.max


def _statement_row(
    statement: dict, source_type: str, status: str, registry: SourceRegistry, relation: Relation, stance: str
) -> dict:
    reliability = registry.reliability(statement["speaker_entity"] or statement["outlet"], source_type)
    grade = f"{reliability}{credibility(stance, status)}"
    return {
        "id": statement["id"],
        "said_on": statement["said_on"],
        "speaker": statement["speaker"],
        "speaker_entity": statement["speaker_entity"],
        "speaker_type": statement["speaker_type"],
        "role": statement["speaker_role"],
        "country": statement["speaker_country"],
        "act": statement["act"],
        "certainty": statement["certainty"],
        "conditional": bool(statement["conditional"]),
        "polarity": statement["polarity"],
        "relation": relation.relation,
        "hedged": relation.hedged,
        "relation_reason": relation.reason,
        "outlet": statement["outlet"],
        "quote": statement["content"],
        "language": statement.get("language"),
        "article_id": statement["article_id"],
        "url": statement.get("url"),
        "link": f"/articles/{statement['article_id']}#s-{statement['id']}",
        "start": statement["content_start"],
        "end": statement["content_end"],
        "source_type": source_type,
        "admiralty": grade,
    }


def _sources(
    reports, origin_of, statements, stances, linked_reports, parties, status, gazetteer, registry
) -> list[dict]:
    by_article: dict[str, list[dict]] = {}
    for statement in statements:
        by_article.setdefault(statement["article_id"], []).append(statement)
    rows = []
    for report in reports:
        own = by_article.get(report["id"], [])
        said = {stances[s["id"]] for s in own}
        model = (linked_reports.get(report["id"]) or {}).get("stance")
        stance = (
            "support"
            if "support" in said or model == "agree"
            else ("oppose" if "oppose" in said or model == "disagree" else "neutral")
        )
        source_type = outlet_type(report["outlet"], parties, gazetteer)
        reliability = registry.reliability(report["outlet"], source_type)
        rows.append(
            {
                "article_id": report["id"],
                "outlet": report["outlet"],
                "title": report["title"],
                "published": report["published"],
                "updated": report.get("updated"),
                "revision": report.get("revision") or 1,
                "revision_note": revision_note(report.get("revision") or 1, report.get("updated")),
                "url": report["url"],
                "origin": origin_of.get(report["id"]),
                "report_stance": model,
                "source_type": source_type,
                "admiralty": f"{reliability}{credibility(stance, status)}",
            }
        )
    return rows


def _key_judgments(positions: list[dict], status, history, reports, independent) -> list[str]:
    judgments = [
        f"Status: {status}, since {history[-1]['on']}." if history else "No statement bears on this claim yet.",
        f"{_count(reports, 'report')}, {_count(independent, 'independent origin')}; "
        f"{_count(len(positions), 'distinct voice')}.",
    ]
    sides = (("backs", "Backed by"), ("denies", "Denied or doubted by"))
    for stance, label in sides:
        names = [_voice_label(p) for p in positions if p["stance"] == stance]
        if names:
            judgments.append(f"{label}: {', '.join(names)}.")
    judgments += [
        f"{p['voice']} moved from {move['from']} to {move['to']} on {move['on']}."
        for p in positions
        for move in p["changed"]
    ]
    conditional = [p["voice"] for p in positions if p["conditional"]]
    if conditional:
        judgments.append(f"Conditional on the reports being true: {', '.join(conditional)}.")
    return judgments


def _voice_label(position: dict) -> str:
    """ "Kim Yong-hyun (hedged: very likely)": a hedged voice says how sure it is."""
    return f"{position['voice']} (hedged: {position['certainty']})" if position["hedged"] else position["voice"]


def _unknowns(claim: dict, status: str, gazetteer: Gazetteer) -> list[str]:
    if status in ("officially confirmed", "refuted"):
        return ["the scale and timing: numbers, units and dates beyond the official statement"]
    templates = UNKNOWNS.get(claim.get("predicate"), []) + GENERIC_UNKNOWNS
    actor = claim.get("actor") or _country_name(claim.get("actor_code"), gazetteer) or "the accused party"
    # A watch keeps only the recipient's code: name it from the gazetteer.
    recipient = claim.get("recipient") or _country_name(claim.get("recipient_code"), gazetteer) or "the other party"
    return [template.format(actor=actor, recipient=recipient) for template in templates]


def _country_name(code: str | None, gazetteer: Gazetteer) -> str | None:
    country = gazetteer.country(code) if code else None
    return country.name if country else None


def _likely_that(term: str) -> str:
    """ "It is likely that", "There is a roughly even chance that", "There is almost no chance that"."""
    if term.endswith("chance"):
        return f"There is {term} that" if term.startswith("almost") else f"There is a {term} that"
    return f"It is {term} that"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _sentence(text: str) -> str:
    """The claim inside a sentence: "The reports are..." -> "the reports are...", names kept."""
    text = text.strip().rstrip(".")
    first = text.split()[0] if text.split() else ""
    return text[:1].lower() + text[1:] if first.lower() in STOP_WORDS else text


def render_markdown(brief: dict) -> str:
    lines = [
        f"# Brief: {brief['claim']}",
        "",
        f"**Bottom line:** {brief['bottom_line']}",
        "",
        "## Key judgments",
        *[f"- {item}" for item in brief["key_judgments"]],
        "",
        "## Positions",
        "",
        "| voice | stance | hedged / conditional | certainty | first said | last said | statements |",
        "|---|---|---|---|---|---|---|",
        *[
            f"| {_cell(row['voice'])} | {row['stance']} | "
            f"{'hedged' if row['hedged'] else ('conditional' if row['conditional'] else '')} | {row['certainty']} | "
            f"{row['first_said_on'] or ''} | {row['last_said_on'] or ''} | {len(row['statements'])} |"
            for row in brief["positions"]
        ],
        "",
        "## Who says what",
        "",
        "| date | speaker | role | act | certainty | cond. | outlet | grade | quote |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in brief["statements"]:
        speaker = row["speaker_entity"] or row["speaker"] or "?"
        if row["country"]:
            speaker += f" ({row['country']})"
        quote = row["quote"] if len(row["quote"]) <= 120 else row["quote"][:117] + "..."
        lines.append(
            f"| {row['said_on'] or ''} | {_cell(speaker)} | {_cell(row['role'] or '')} | {row['act']} | "
            f"{row['certainty']} | {'yes' if row['conditional'] else ''} | {_cell(row['outlet'] or '')} | "
            f"{row['admiralty']} | [{_cell(quote)}]({row['link']}) |"
        )
    lines += ["", "## Status timeline", ""]
    lines += [
        f"- {item['on']}: **{item['status']}** after {item['speaker'] or '?'} {item['act']} "
        f"(statement {item['statement_id']})"
        for item in brief["status_history"]
    ]
    lines += ["", "## Still unknown", "", *[f"- {item}" for item in brief["unknowns"]], "", "## Sources", ""]
    lines += ["| published | outlet | title | origin | grade |", "|---|---|---|---|---|"]
    for row in brief["sources"]:
        lines.append(
            f"| {row['published'] or ''} | {_cell(row['outlet'] or '')} | {_cell(row['title'] or '')}{_note(row)} | "
            f"{(row['origin'] or '')[:8]} | {row['admiralty']} |"
        )
    lines += [
        "",
        f"_Generated {brief['generated_at']} by claimwatch. Grades: Admiralty (reliability A-F, "
        "credibility 1-6); likelihood: ICD 203._",
        "",
    ]
    return "\n".join(lines)


def revision_note(revision: int, updated: str | None) -> str | None:
    """A revision's mark for its row in the sources, so that two versions of one report are not read as two
    reports: "revision 2, updated 2025-03-12T10:30:00+00:00"; None for a first version."""
    if revision <= 1:
        return None
    return f"revision {revision}, updated {updated}" if updated else f"revision {revision}"


def _note(row: dict) -> str:
    return f" ({row['revision_note']})" if row.get("revision_note") else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_html(brief: dict) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("claimwatch.stories", "templates"), autoescape=select_autoescape())
    return environment.get_template("brief.html").render(brief=brief)
