"""A brief as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP).

Identity per voice and per outlet, Report per article, a Note holding the claim, an Opinion per
voice position toward that Note, a Grouping for the watch or story. Ids are UUIDv5 of stable keys
(names, article ids, the claim's words), timestamps come from the reports, so exporting the same
brief twice gives the same bundle and a receiving platform updates objects instead of duplicating
them. Mappings and the spec sections they follow: docs/exports.md.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import stix2
from stix2.confidence.scales import admiralty_credibility_to_value, dni_to_value

from claimwatch.exports.positions import statement_ids, voice_positions
from claimwatch.extract.dates import iso_to_utc
from claimwatch.records import normalise_body
from claimwatch.stance.certainty import ICD203_TERMS, NOT_STATED, midpoint

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:claimwatch:stix")
PRODUCER = "claimwatch"
# ICD 203 terms -> the DNI scale of STIX 2.1 Appendix A (the same seven terms).
DNI = {
    "almost no chance": "Almost No Chance / Remote",
    "very unlikely": "Very Unlikely / Highly Improbable",
    "unlikely": "Unlikely / Improbable",
    "roughly even chance": "Roughly Even Chance / Roughly Even Odds",
    "likely": "Likely / Probable",
    "very likely": "Very Likely / Highly Probable",
    "almost certain": "Almost Certain / Nearly Certain",
}
# Admiralty information credibility -> the Admiralty Credibility scale of Appendix A (6 has no value).
CREDIBILITY = {
    "1": "1 - Confirmed by other sources",
    "2": "2 - Probably True",
    "3": "3 - Possibly True",
    "4": "4 - Doubtful",
    "5": "5 - Improbable",
}
IDENTITY_CLASSES = {"person": "individual", "group": "group"}  # organisations, governments, outlets: organization
# (stance, unhedged?) -> opinion-enum of STIX 2.1 (section 4.15, Opinion)
OPINIONS = {
    ("backs", True): "strongly-agree",
    ("backs", False): "agree",
    ("neutral", True): "neutral",
    ("neutral", False): "neutral",
    ("denies", False): "disagree",
    ("denies", True): "strongly-disagree",
}
STRONG_TERMS = {NOT_STATED, "almost certain", "very likely", "almost no chance", "very unlikely"}
WORDING = {"backs": "backs the claim", "denies": "denies the claim", "neutral": "takes no side on the claim"}


def stix_id(kind: str, key: str) -> str:
    """``kind--UUIDv5(kind|key)``: the same key gives the same id in every export."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}|{key}')}"


def identity_id(name: str) -> str:
    return stix_id("identity", normalise_body(name))


def note_id(claim: str) -> str:
    return stix_id("note", normalise_body(claim))


def opinion_label(position: dict) -> str:
    """strongly-agree .. strongly-disagree from a position's stance and certainty (docs/exports.md)."""
    if position.get("conditional"):
        return "neutral"
    unhedged = position.get("certainty") in STRONG_TERMS and not position.get("hedged", False)
    return OPINIONS[(position["stance"], unhedged)]


def claim_likelihood(position: dict) -> str | None:
    """The ICD 203 term a voice gives the claim itself: its own words, turned round when they
    weigh the opposite ("likely ... not troops" from a voice that denies is "unlikely")."""
    term = position.get("certainty")
    probability = midpoint(term) if term else None
    if probability is None:
        return None
    against = position["stance"] == "denies" and probability > 0.5
    against |= position["stance"] == "backs" and probability < 0.5
    return ICD203_TERMS[len(ICD203_TERMS) - 1 - ICD203_TERMS.index(term)] if against else term


def opinion_confidence(position: dict) -> int | None:
    """How sure a voice is of its own position (0-100): the DNI value of its likelihood for the claim,
    read from the side it takes (a denial of a claim with "almost no chance" is 95)."""
    term = claim_likelihood(position)
    if term is None:
        return None
    value = dni_to_value(DNI[term])
    return max(value, 100 - value)


def likelihood_label(term: str) -> str:
    """The MISP estimative-language tag of an ICD 203 term."""
    return f'estimative-language:likelihood-probability="{term.replace(" ", "-")}"'


def admiralty_labels(grade: str) -> list[str]:
    """MISP admiralty-scale tags of a grade such as "B2"."""
    return [
        f'admiralty-scale:source-reliability="{grade[0].lower()}"',
        f'admiralty-scale:information-credibility="{grade[1]}"',
    ]


def _credibility_confidence(grade: str) -> int | None:
    scale = CREDIBILITY.get(grade[1])
    return admiralty_credibility_to_value(scale) if scale else None


def _likelihood_confidence(term: str | None) -> int | None:
    return dni_to_value(DNI[term]) if term in DNI else None


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def bundle(brief: dict) -> stix2.Bundle:
    """The STIX 2.1 bundle of a brief (``api.brief``'s JSON)."""
    reports = brief["sources"]
    moments = [m for m in (iso_to_utc(r["published"]) for r in reports) if m] or [iso_to_utc("1970-01-01")]
    first, last = _stamp(min(moments)), _stamp(max(moments))
    published = {r["article_id"]: _stamp(iso_to_utc(r["published"]) or min(moments)) for r in reports}
    statements = {s["id"]: s for s in brief["statements"]}
    positions = [p for p in voice_positions(brief) if p["voice"]]
    claim_ref = note_id(brief["claim"])

    identities = {identity_id(PRODUCER): _identity(PRODUCER, "system", first)}
    for report in reports:
        if report["outlet"]:
            identities.setdefault(identity_id(report["outlet"]), _identity(report["outlet"], "organization", first))
    for statement in brief["statements"]:
        if statement["speaker_entity"]:
            identities.setdefault(
                identity_id(statement["speaker_entity"]),
                _identity(
                    statement["speaker_entity"],
                    IDENTITY_CLASSES.get(statement.get("speaker_type"), "organization"),
                    first,
                    statement["role"],
                ),
            )

    opinions = {}
    for position in positions:
        opinion = _opinion(position, statements, claim_ref, published, first)
        opinions[position["voice"]] = opinion
    voices_in = {}
    for statement in brief["statements"]:
        if statement["speaker_entity"]:
            voices_in.setdefault(statement["article_id"], set()).add(statement["speaker_entity"])
    report_objects = [
        _report(report, published[report["article_id"]], claim_ref, sorted(voices_in.get(report["article_id"], ())),
                opinions)
        for report in reports
    ]
    note = stix2.v21.Note(
        id=claim_ref,
        created=first,
        modified=last,
        created_by_ref=identity_id(PRODUCER),
        abstract=brief["claim"],
        content=brief["bottom_line"],
        object_refs=[r.id for r in report_objects] or [identity_id(PRODUCER)],
        confidence=_likelihood_confidence(brief["likelihood"]),
        labels=[likelihood_label(brief["likelihood"]), f'claimwatch:status="{brief["status"]}"'],
    )
    members = [note, *report_objects, *opinions.values(), *identities.values()]
    grouping = stix2.v21.Grouping(
        id=stix_id("grouping", f"{brief['kind']}|{brief['id']}"),
        created=first,
        modified=last,
        created_by_ref=identity_id(PRODUCER),
        name=brief["claim"],
        description=brief["bottom_line"],
        context="unspecified",
        object_refs=[item.id for item in members],
        external_references=[{"source_name": PRODUCER, "external_id": f"{brief['kind']}:{brief['id']}"}],
    )
    return stix2.v21.Bundle(
        grouping, *members, id=stix_id("bundle", f"{brief['kind']}|{brief['id']}"), allow_custom=False
    )


def _identity(name: str, identity_class: str, created: str, role: str | None = None) -> stix2.v21.Identity:
    return stix2.v21.Identity(
        id=identity_id(name),
        created=created,
        modified=created,
        name=name,
        identity_class=identity_class,
        roles=[role] if role else None,
    )


def _report(report: dict, published: str, claim_ref: str, voices: list[str], opinions: dict) -> stix2.v21.Report:
    grade = report["admiralty"]
    reference = {"source_name": report["outlet"] or "unknown outlet", "external_id": report["article_id"]}
    if report["url"]:
        reference["url"] = report["url"]
    return stix2.v21.Report(
        id=stix_id("report", report["article_id"]),
        created=published,
        modified=published,
        published=published,
        name=report["title"] or "(untitled)",
        report_types=["threat-report"],
        created_by_ref=identity_id(report["outlet"]) if report["outlet"] else None,
        object_refs=[claim_ref, *(identity_id(v) for v in voices), *(opinions[v].id for v in voices if v in opinions)],
        external_references=[reference],
        confidence=_credibility_confidence(grade),
        labels=admiralty_labels(grade),
    )


def _opinion(
    position: dict, statements: dict[str, dict], claim_ref: str, published: dict[str, str], default: str
) -> stix2.v21.Opinion:
    own = sorted(
        (statements[i] for i in statement_ids(position) if i in statements),
        key=lambda s: _said(s, published, default),
    )
    said = [_said(s, published, default) for s in own] or [default]
    likelihood = claim_likelihood(position)
    labels = [likelihood_label(likelihood)] if likelihood else []
    if own:
        labels += admiralty_labels(own[-1]["admiralty"])
    quotes = [f"{s['said_on'] or ''} {s['act']}: \u201c{s['quote']}\u201d".strip() for s in own[-3:]]
    explanation = f"{position['voice']} {WORDING[position['stance']]} ({position.get('certainty') or NOT_STATED})"
    return stix2.v21.Opinion(
        id=stix_id("opinion", f"{normalise_body(position['voice'])}|{claim_ref}"),
        created=said[0],
        modified=said[-1],
        created_by_ref=identity_id(position["voice"]),
        authors=[position["voice"]],
        opinion=opinion_label(position),
        explanation="; ".join([explanation, *quotes]),
        object_refs=[claim_ref],
        confidence=opinion_confidence(position),
        labels=labels,
    )


def _said(statement: dict, published: dict[str, str], default: str) -> str:
    """When a statement was said, as a STIX timestamp: its day, else its report's publication."""
    day = statement["said_on"] if statement["said_on"] and len(statement["said_on"]) == 10 else None
    moment = iso_to_utc(day)
    return _stamp(moment) if moment else published.get(statement["article_id"], default)
