"""Who said what, with the real spaCy model, on short invented texts.

Every person, organisation and outlet here is invented (the countries Ostravia, Kestria and Valdoria
and their seats come from the sample gazetteer); the articles are dated Thursday 17 October 2024.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.api import sample_gazetteer
from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp import load_nlp
from claimwatch.records import Article, Statement, article_id
from claimwatch.statements import extract_statements
from claimwatch.statements.entities import entity_key

PUBLISHED = "2024-10-17T09:00:00+00:00"  # a Thursday
OUTLET = "Harbor Post"

Extract = Callable[..., list[Statement]]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return sample_gazetteer()  # the built-in gazetteer and the invented countries of the sample story


@pytest.fixture(scope="module")
def extract(nlp, gazetteer: Gazetteer) -> Extract:
    """``extract(body)``: the statements of one article, after checking every span they carry."""

    def run(body: str, published: str | None = PUBLISHED, outlet: str | None = OUTLET) -> list[Statement]:
        article = Article(
            id=article_id(body), source="test", format="text", body=body, paragraphs=(), raw=body.encode(),
            outlet=outlet, published=published,
        )
        statements = extract_statements(article, nlp(body), gazetteer)
        check_spans(body, statements)
        return statements

    return run


def check_spans(body: str, statements: list[Statement]) -> None:
    ids = {statement.id for statement in statements}
    assert len(ids) == len(statements)
    for statement in statements:
        content = statement.content
        assert body[content.start : content.end] == content.text
        assert content.text and content.text == content.text.strip()
        edges = [content.start, content.end]
        if statement.cue is not None:
            assert body[statement.cue.start : statement.cue.end] == statement.cue.text
            edges += [statement.cue.start, statement.cue.end]
        speaker = statement.speaker
        if speaker.mention is not None:
            assert body[speaker.mention.start : speaker.mention.end] == speaker.mention.text
            edges += [speaker.mention.start, speaker.mention.end]
        if speaker.resolved_from is not None:
            assert body[speaker.resolved_from.start : speaker.resolved_from.end] == speaker.resolved_from.text
        assert (statement.start, statement.end) == (min(edges), max(edges))
        assert statement.parent_id is None or statement.parent_id in ids


def core(text: str) -> str:
    """The words of a content: quote marks, edge punctuation and a leading "that" do not matter here."""
    return text.strip(" \"“”‘’,.;:").removeprefix("that ").strip(" \"“”")


def by_cue(statements: list[Statement], cue: str) -> Statement:
    (found,) = [s for s in statements if s.cue is not None and s.cue.text == cue]
    return found


# -- constructions --------------------------------------------------------------------------------------


def test_speaker_first(extract: Extract) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that the border crossings would reopen "
        "next month."
    )
    (statement,) = extract(body)
    speaker = statement.speaker
    assert speaker.mention.text == "Ostravian Foreign Minister Oleksandr Verbitsky"
    assert (speaker.entity, speaker.entity_type, speaker.role, speaker.country) == (
        "Oleksandr Verbitsky", "person", "Foreign Minister", "XOS"
    )
    assert speaker.written_name == "Oleksandr Verbitsky"  # the name, not the nationality before it
    assert statement.cue.text == "said" and statement.cue_lemma == "say"
    assert core(statement.content.text) == "the border crossings would reopen next month"
    assert statement.kind == "indirect"
    assert statement.voice == "source"
    assert (statement.said_on.start, statement.said_on.end, statement.said_on.precision) == (
        "2024-10-15", "2024-10-15", "day"
    )
    assert "Tuesday" in statement.said_on.phrase


_QUOTE = "The border crossings will reopen next month,"


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        pytest.param(f'"{_QUOTE}" Ostravian Foreign Minister Oleksandr Verbitsky said.', f'"{_QUOTE}"', id="straight"),
        pytest.param(f"“{_QUOTE}” Ostravian Foreign Minister Oleksandr Verbitsky said.", f"“{_QUOTE}”", id="curly"),
        pytest.param(f'"{_QUOTE}" said Oleksandr Verbitsky.', f'"{_QUOTE}"', id="inverted"),
        pytest.param(
            f'"{_QUOTE}" Oleksandr Verbitsky said.', f'"{_QUOTE}"',
            marks=pytest.mark.xfail(
                reason="en_core_web_sm leaves the first name out of the PERSON entity here; speakers.py then "
                "names the speaker 'Verbitsky' with the affiliation 'Oleksandr'", strict=True,
            ),
            id="bare-name",
        ),
    ],
)
def test_quote_first(extract: Extract, body: str, quote: str) -> None:
    (statement,) = extract(body)
    assert statement.speaker.entity == "Oleksandr Verbitsky"
    assert statement.content.text == quote
    assert statement.content.start == 0
    assert statement.kind == "direct"
    assert statement.said_on.precision == "publication"


@pytest.mark.parametrize(("open_mark", "close_mark"), [('"', '"'), ("“", "”")], ids=["straight", "curly"])
def test_quote_first_he_said_is_the_earlier_person(extract: Extract, open_mark: str, close_mark: str) -> None:
    body = (
        "Ostravian Defence Minister Lena Dravec visited the northern garrison on Monday. "
        f"{open_mark}The drills are routine,{close_mark} she said."
    )
    (statement,) = extract(body)
    speaker = statement.speaker
    assert speaker.mention.text == "she"
    assert (speaker.entity, speaker.role, speaker.country) == ("Lena Dravec", "Defence Minister", "XOS")
    assert speaker.resolved_from is not None and speaker.resolved_from.text == "Lena Dravec"
    assert speaker.written_name is None
    assert statement.content.text == f"{open_mark}The drills are routine,{close_mark}"
    assert statement.kind == "direct"


@pytest.mark.parametrize(
    ("body", "speaker", "entity_type", "content"),
    [
        ("According to Ostravian Foreign Minister Oleksandr Verbitsky, the ferry service will resume on Friday.",
         "Oleksandr Verbitsky", "person", "the ferry service will resume on Friday"),
        ("The ferry service will resume on Friday, according to the Ostravian Foreign Ministry.",
         "Ostravian Foreign Ministry", "organization", "The ferry service will resume on Friday"),
    ],
    ids=["before", "after"],
)
def test_according_to(extract: Extract, body: str, speaker: str, entity_type: str, content: str) -> None:
    (statement,) = extract(body)
    assert statement.cue.text.lower() == "according to"
    assert (statement.speaker.entity, statement.speaker.entity_type, statement.speaker.country) == (
        speaker, entity_type, "XOS"
    )
    assert statement.content.text == content
    assert statement.kind == "indirect"


@pytest.mark.parametrize(
    "audience", ["reporters", "his Kestrian counterpart", "lawmakers on Wednesday"],
)
def test_told_someone_that(extract: Extract, audience: str) -> None:
    body = f"Ostravian Foreign Minister Oleksandr Verbitsky told {audience} that the talks could not continue."
    (statement,) = extract(body)
    assert statement.cue.text == "told"
    assert statement.speaker.entity == "Oleksandr Verbitsky"
    assert core(statement.content.text) == "the talks could not continue"  # the audience is no part of it
    assert statement.kind == "indirect"


def test_in_a_statement_said(extract: Extract) -> None:
    body = "Ostravian Foreign Minister Oleksandr Verbitsky, in a statement, said the talks had stalled."
    (statement,) = extract(body)
    assert statement.speaker.entity == "Oleksandr Verbitsky"
    assert statement.content.text == "the talks had stalled"
    assert statement.venue == "statement"


def test_quote_over_several_sentences(extract: Extract) -> None:
    body = 'Mira Kallas said: "We are ready to talk. We will not be rushed. The next round is up to them."'
    (statement,) = extract(body)
    assert statement.speaker.entity == "Mira Kallas"
    assert statement.content.text == body[body.index('"') :]
    assert statement.kind == "direct"


@pytest.mark.parametrize(("open_mark", "close_mark"), [('"', '"'), ("“", "”")], ids=["straight", "curly"])
def test_quote_split_by_the_cue_is_one_statement(extract: Extract, open_mark: str, close_mark: str) -> None:
    body = (
        f"{open_mark}We are ready to talk,{close_mark} said Mira Kallas, a spokeswoman for the Ostravian Foreign "
        f"Ministry. {open_mark}But we will not be rushed.{close_mark}"
    )
    (statement,) = extract(body)
    speaker = statement.speaker
    assert (speaker.entity, speaker.role, speaker.affiliation, speaker.country) == (
        "Mira Kallas", "spokeswoman", "Ostravian Foreign Ministry", "XOS"
    )
    # One span holds both parts of the quote (and so the cue clause between them).
    assert (statement.content.start, statement.content.end) == (0, len(body))
    assert statement.kind == "direct"


@pytest.mark.parametrize(("open_mark", "close_mark"), [('"', '"'), ("“", "”")], ids=["straight", "curly"])
def test_quote_continued_into_the_next_paragraph(extract: Extract, open_mark: str, close_mark: str) -> None:
    first = f"{open_mark}The drills are routine and were announced months ago."
    second = f"{open_mark}Nobody should read anything more into them,{close_mark}"
    body = f"Ostravian Defence Minister Lena Dravec spoke to reporters on Monday.\n\n{first}\n\n{second} she said."
    (statement,) = extract(body)
    assert statement.speaker.entity == "Lena Dravec"
    assert statement.speaker.resolved_from.text == "Lena Dravec"
    assert statement.content.text == f"{first}\n\n{second}"
    assert statement.kind == "direct"


# -- kinds ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind", "content"),
    [
        ('Lena Dravec said: "The drills are routine."', "direct", '"The drills are routine."'),
        ("Lena Dravec said the drills were routine.", "indirect", "the drills were routine"),
        ('Lena Dravec said the drills were "entirely routine" and would end soon.', "mixed",
         'the drills were "entirely routine" and would end soon'),
        ("Lena Dravec denied the reports.", "reported_act", "the reports"),
    ],
)
def test_kinds(extract: Extract, body: str, kind: str, content: str) -> None:
    (statement,) = extract(body)
    assert statement.speaker.entity == "Lena Dravec"
    assert statement.kind == kind
    assert statement.content.text == content


def test_accused_of_is_a_reported_act(extract: Extract) -> None:
    body = "Ostravian President Daria Kovalenko accused Pyorsk of sending troops to the front."
    (statement,) = extract(body)
    assert statement.cue.text == "accused"
    assert (statement.speaker.entity, statement.speaker.role) == ("Daria Kovalenko", "President")
    assert statement.content.text == "Pyorsk of sending troops to the front"
    assert statement.kind == "reported_act"


def test_dismissed_as_fake_news_is_a_reported_act(extract: Extract) -> None:
    body = 'Ostravia said this week that Kestrian troops were in Valdoria. The Citadel dismissed them as "fake news."'
    statement = by_cue(extract(body), "dismissed")
    assert (statement.speaker.entity, statement.speaker.entity_type, statement.speaker.country) == (
        "Government of Valdoria", "government", "XVA"
    )
    assert statement.content.text.startswith("them as ")
    assert core(statement.content.text).endswith("fake news")
    assert statement.kind == "reported_act"


@pytest.mark.parametrize(
    ("body", "cue", "speaker", "content"),
    [
        ("Ostravian authorities have rejected accusations that the trial of Mira Holt is unfair.", "have rejected",
         "Ostravian authorities", "accusations that the trial of Mira Holt is unfair"),
        ("Kestrian authorities have rejected those claims.", "have rejected", "Kestrian authorities", "those claims"),
        ("Mira Holt’s legal team has rejected all the accusations.", "has rejected", "Mira Holt’s legal team",
         "all the accusations"),
        ("The Valdorian delegation rejected the report on Friday.", "rejected", "The Valdorian delegation",
         "the report"),
    ],
)
def test_a_body_of_people_rejects(extract: Extract, body: str, cue: str, speaker: str, content: str) -> None:
    """Authorities, a legal team, a delegation speak as a ministry does."""
    statement = by_cue(extract(body), cue)
    assert (statement.speaker.mention.text, statement.content.text) == (speaker, content)


# -- speakers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "entity", "entity_type", "country"),
    [
        ("The Kremlin said on Monday that the exercises posed no threat to its neighbours.",
         "Government of Russia", "government", "RUS"),
        ("Seoul said it was closely watching the movement of the vessels.", "South Korea", "country", "KOR"),
        ("The White House said the sanctions would take effect immediately.", None, "government", "USA"),
        ("Pyorsk denied the reports on Tuesday.", "Kestria", "country", "XKE"),
        ("The Citadel said the exercises posed no threat.", "Government of Valdoria", "government", "XVA"),
        ("U.S. officials said the shipment had been delayed.", "U.S. officials", "group", "USA"),
        ("Kestrian officials said the shipment had been delayed.", "Kestrian officials", "group", "XKE"),
        ("The Ostravian Border Guard Service said the crossing was closed.",
         "Ostravian Border Guard Service", "organization", "XOS"),
    ],
)
def test_organisations_metonyms_and_groups(
    extract: Extract, body: str, entity: str | None, entity_type: str, country: str
) -> None:
    (statement,) = extract(body)
    speaker = statement.speaker
    if entity is not None:
        assert speaker.entity == entity
    else:
        assert "United States" in speaker.entity
    assert (speaker.entity_type, speaker.country) == (entity_type, country)


def test_acronym_resolves_to_the_organisation_named_before(extract: Extract) -> None:
    body = (
        "The Ostravian Border Guard Service said on Monday that the crossing was closed. "
        "The OBGS added that it expected to reopen it within a week."
    )
    first, second = extract(body)
    assert second.speaker.written_name == "OBGS"
    assert (second.speaker.entity, second.speaker.entity_type, second.speaker.country) == (
        "Ostravian Border Guard Service", "organization", "XOS"
    )
    assert entity_key(first.speaker) == entity_key(second.speaker)


@pytest.mark.parametrize(
    ("follow_up", "mention"),
    [
        ("She said the fleet would return to port by Sunday.", "She"),
        ("The minister said the fleet would return to port by Sunday.", "The minister"),
    ],
)
def test_pronoun_and_description_resolve_to_the_earlier_speaker(extract: Extract, follow_up: str, mention: str) -> None:
    body = f"Ostravian Defence Minister Lena Dravec said on Monday that the drills were routine.\n\n{follow_up}"
    first, second = extract(body)
    assert first.speaker.entity == "Lena Dravec"
    speaker = second.speaker
    assert speaker.mention.text == mention
    assert (speaker.entity, speaker.role, speaker.country) == ("Lena Dravec", "Defence Minister", "XOS")
    assert speaker.resolved_from is not None
    assert speaker.resolved_from.text == "Lena Dravec"
    assert speaker.resolved_from.end <= first.speaker.mention.end
    assert entity_key(first.speaker) == entity_key(speaker)
    assert core(second.content.text) == "the fleet would return to port by Sunday"


def test_pronoun_takes_the_latest_person(extract: Extract) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that the talks had stalled. "
        "Valdorian envoy Pavel Irsk said the talks were going well. He said they would resume soon."
    )
    statements = extract(body)
    assert [s.speaker.entity for s in statements] == ["Oleksandr Verbitsky", "Pavel Irsk", "Pavel Irsk"]
    assert statements[2].speaker.resolved_from.text == "Pavel Irsk"


@pytest.mark.parametrize("second_mention", ["Verbitsky", "Verbitskyy", "Verbitskiy"])
def test_surname_and_variant_spelling_are_the_same_person(extract: Extract, second_mention: str) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that the talks had stalled.\n\n"
        f"{second_mention} said a new round was planned."
    )
    first, second = extract(body)
    speaker = second.speaker
    assert speaker.mention.text == second_mention
    assert speaker.written_name == second_mention
    assert speaker.resolved_from is None  # a name, not a pronoun
    assert (speaker.entity, speaker.role, speaker.country) == ("Oleksandr Verbitsky", "Foreign Minister", "XOS")
    assert entity_key(first.speaker) == entity_key(speaker)


@pytest.mark.xfail(
    reason="en_core_web_sm tags the invented full name as ORG when no title precedes it, so the "
    "'-skiy' spelling is not linked to it (speakers.py only collects PERSON entities)",
    strict=True,
)
def test_variant_spelling_without_a_title(extract: Extract) -> None:
    body = (
        "Oleksandr Verbitsky said on Tuesday that the talks had stalled. "
        "Later, Verbitskiy said a new round was planned."
    )
    first, second = extract(body)
    assert first.speaker.entity_type == "person"
    assert second.speaker.entity == "Oleksandr Verbitsky"


def test_honorific_is_neither_role_nor_affiliation(extract: Extract) -> None:
    body = "Dr. Ivo Maranek, an analyst at the Kalven Institute, said the drills were larger than in previous years."
    (statement,) = extract(body)
    speaker = statement.speaker
    assert (speaker.entity, speaker.role, speaker.affiliation) == ("Ivo Maranek", "analyst", "Kalven Institute")


# -- nested attribution ---------------------------------------------------------------------------------


def test_nested_attribution(extract: Extract) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said Lena Dravec had told him that the drills would end "
        "on Friday."
    )
    outer, inner = extract(body)
    assert outer.speaker.entity == "Oleksandr Verbitsky"
    assert core(outer.content.text) == "Lena Dravec had told him that the drills would end on Friday"
    assert outer.parent_id is None
    assert inner.speaker.entity == "Lena Dravec"
    assert inner.cue.text.endswith("told")
    assert core(inner.content.text) == "the drills would end on Friday"
    assert inner.parent_id == outer.id
    assert outer.content.start <= inner.start and inner.end <= outer.content.end


def test_nested_attribution_with_a_described_source(extract: Extract) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said his Kestrian counterpart had told him that the troops "
        "would be withdrawn by March."
    )
    outer, inner = extract(body)
    assert inner.parent_id == outer.id
    assert core(inner.content.text) == "the troops would be withdrawn by March"


def test_act_verb_inside_indirect_content_is_no_statement(extract: Extract) -> None:
    body = "Ostravian Foreign Minister Oleksandr Verbitsky said Kestria would defend its ally."
    (statement,) = extract(body)
    assert statement.content.text == "Kestria would defend its ally"


# -- the outlet's own voice ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("The latest developments suggest a widening rift between the two governments.",
         "a widening rift between the two governments"),
        ("The latest satellite images suggest that the convoy has crossed the river.",
         "the convoy has crossed the river"),
    ],
)
def test_outlet_voice(extract: Extract, body: str, content: str) -> None:
    (statement,) = extract(body)
    assert statement.voice == "outlet"
    assert (statement.speaker.entity, statement.speaker.entity_type) == (OUTLET, "outlet")
    assert statement.cue.text == "suggest"
    assert core(statement.content.text) == content


# -- venue ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "venue", "content"),
    [
        pytest.param(
            "Ostravian President Daria Kovalenko said in her nightly video address that the drills were routine.",
            "nightly video address", "the drills were routine", id="video-address",
        ),
        pytest.param(
            "Ostravian President Daria Kovalenko told state broadcaster OTV that the drills were routine.",
            "state broadcaster OTV", "the drills were routine", id="told-broadcaster",
        ),
        pytest.param(
            "Ostravian Defence Minister Lena Dravec said during a parliamentary hearing that the drills were routine.",
            "parliamentary hearing", "the drills were routine", id="hearing",
        ),
        pytest.param(
            "During a parliamentary hearing on Monday, Lena Dravec said the front line was holding.",
            "parliamentary hearing", "the front line was holding", id="hearing-fronted",
        ),
        pytest.param(
            "Ostravian Defence Minister Lena Dravec said during a parliamentary hearing that the front line was "
            "holding.",
            "parliamentary hearing", "the front line was holding",
            marks=pytest.mark.xfail(
                reason="the parser hangs the that-clause on 'hearing' (relcl) and attribution.py then finds no "
                "statement at all", strict=True,
            ),
            id="hearing-relcl",
        ),
        pytest.param(
            "During a parliamentary hearing on Monday, Lena Dravec said the drills were routine.",
            "parliamentary hearing", "the drills were routine",
            id="hearing-fronted-short-tail",
        ),
    ],
)
def test_venue(extract: Extract, body: str, venue: str, content: str) -> None:
    (statement,) = extract(body)
    assert core(statement.content.text) == content
    assert statement.venue == venue


def test_told_reporters_is_no_venue(extract: Extract) -> None:
    (statement,) = extract("Lena Dravec told reporters that the drills were routine.")
    assert statement.venue is None


# -- when it was said -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("open_mark", "close_mark"), [('"', '"'), ("“", "”")], ids=["straight", "curly"])
def test_said_on_is_inherited_by_the_follow_up_quote(extract: Extract, open_mark: str, close_mark: str) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that the talks had stalled. "
        f"{open_mark}We will not sign under pressure,{close_mark} he added."
    )
    first, second = extract(body)
    assert (first.said_on.start, first.said_on.precision) == ("2024-10-15", "day")
    assert second.cue.text == "added"
    assert second.speaker.entity == "Oleksandr Verbitsky"
    assert second.said_on == first.said_on


def test_said_on_is_inherited_past_a_nested_statement(extract: Extract) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that the Citadel had told him the drills "
        'would end. "Nobody should worry," he said.'
    )
    outer, inner, quote = extract(body)
    assert inner.parent_id == outer.id
    assert quote.content.text == '"Nobody should worry,"'
    assert quote.speaker.entity == "Oleksandr Verbitsky"
    assert (quote.said_on.start, quote.said_on.end, quote.said_on.precision) == ("2024-10-15", "2024-10-15", "day")


@pytest.mark.xfail(
    reason="speakers.py resolves a pronoun to the latest person who spoke, even one nested in another's "
    "content, and does not use the pronoun's gender ('he' here is taken for Lena Dravec)",
    strict=True,
)
def test_pronoun_after_a_nested_speaker_is_the_outer_speaker(extract: Extract) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that Lena Dravec had told him the drills "
        'would end. "Nobody should worry," he said.'
    )
    quote = extract(body)[-1]
    assert quote.speaker.entity == "Oleksandr Verbitsky"


@pytest.mark.parametrize(
    ("when", "start", "end", "precision"),
    [
        ("on Tuesday", "2024-10-15", "2024-10-15", "day"),
        ("last weekend", "2024-10-12", "2024-10-13", "range"),
        ("earlier this week", "2024-10-14", "2024-10-17", "range"),
        ("in June", "2024-06", "2024-06", "month"),
        ("on Oct. 11", "2024-10-11", "2024-10-11", "day"),
    ],
)
def test_said_on_phrases(extract: Extract, when: str, start: str, end: str, precision: str) -> None:
    body = f"Ostravian Defence Minister Lena Dravec said {when} that the drills were routine."
    (statement,) = extract(body)
    said = statement.said_on
    assert (said.start, said.end, said.precision) == (start, end, precision)
    assert said.phrase in when


def test_no_date_phrase_means_the_publication_day(extract: Extract) -> None:
    (statement,) = extract("Lena Dravec said the drills were routine.")
    assert statement.said_on.start == "2024-10-17"
    assert (statement.said_on.precision, statement.said_on.phrase) == ("publication", None)


def test_no_publication_date_no_said_on(extract: Extract) -> None:
    (statement,) = extract("Lena Dravec said on Monday that the drills were routine.", published=None)
    assert statement.said_on is None


def test_date_inside_the_content_is_not_when_it_was_said(extract: Extract) -> None:
    (statement,) = extract("Lena Dravec said the drills would end on Friday.")
    assert statement.said_on.precision == "publication"


# -- known gaps -----------------------------------------------------------------------------------------


def test_it_added_after_an_organisation(extract: Extract) -> None:
    body = (
        "The Kremlin said on Monday that the exercises posed no threat to its neighbours. "
        '"These are routine drills," it added.'
    )
    _, second = extract(body)
    assert second.speaker.entity == "Government of Russia"
    assert second.content.text == '"These are routine drills,"'


# -- properties -----------------------------------------------------------------------------------------


def test_statement_ids_are_stable(extract: Extract) -> None:
    body = (
        "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that the talks had stalled. "
        '"We will not sign under pressure," he added.'
    )
    assert [s.id for s in extract(body)] == [s.id for s in extract(body)]


_SENTENCES = [
    "Ostravian Foreign Minister Oleksandr Verbitsky said on Tuesday that the talks had stalled.",
    '"We will not sign under pressure," he added.',
    "“The drills are routine,” she said.",
    "According to the Ostravian Foreign Ministry, the ferry service will resume on Friday.",
    'The Citadel dismissed them as "fake news."',
    "The latest developments suggest a widening rift between the two governments.",
    'Mira Kallas said: "We are ready to talk.',
    "But we will not be rushed,” said a spokeswoman.",
    "Lena Dravec said Pavel Irsk had told her that the drills would end.",
    "The port reopened.",
    "'",
    '"',
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=5), st.sampled_from([" ", "\n\n"]))
def test_any_arrangement_gives_valid_spans(extract: Extract, sentences: list[str], glue: str) -> None:
    extract(glue.join(sentences))  # check_spans runs inside extract


# -- voices that are voices: no fragments, no documents, bodies of the country the text is about --------


@pytest.mark.parametrize(
    ("body", "entity", "entity_type", "country"),
    [
        ("Kestria, whose foreign ministry said on Tuesday that no soldiers had left the country, made no other "
         "comment.", "Kestrian Foreign Ministry", "organization", "XKE"),
        ("Kestria has no embassy in Kalven, and its foreign ministry said the reports were false.",
         "Kestrian Foreign Ministry", "organization", "XKE"),
        ("Valdoria, whose army said on Monday that the bridge had been rebuilt, sent more trucks.",
         "Valdorian Armed Forces", "organization", "XVA"),  # the gazetteer knows "the Valdorian army"
        ("The Kestrian army said the exercise had ended.", "Kestria's Army", "organization", "XKE"),
        ("The Ostravian government said the border would stay open.", "Government of Ostravia", "government",
         "XOS"),
    ],
    ids=["whose-gazetteer", "its-gazetteer", "whose-army", "nationality-army", "nationality-government"],
)
def test_possessives_and_nationalities_name_the_owners_body(
    extract: Extract, body: str, entity: str, entity_type: str, country: str
) -> None:
    (statement,) = extract(body)
    speaker = statement.speaker
    assert (speaker.entity, speaker.entity_type, speaker.country) == (entity, entity_type, country)


@pytest.mark.parametrize(
    ("body", "cue"),
    [
        ("The first reports of combat suggest that the brigade crossed the river on Monday.", "suggest"),
        ("The latest developments show that the talks have stalled.", "show"),
        ("The report said the crossing had been closed since Monday.", "said"),
        ("A new study found that the river had risen by two metres.", "found"),
        ("Satellite images indicate that the port was expanded in the spring.", "indicate"),
        ("In the survey, 62 percent of them said the ferry should keep sailing.", "said"),
    ],
    ids=["reports-of", "developments", "the-report", "a-study", "images", "a-share"],
)
def test_authorless_documents_and_counts_are_relayed_by_the_outlet(extract: Extract, body: str, cue: str) -> None:
    statement = by_cue(extract(body), cue)
    assert statement.voice == "outlet"
    assert (statement.speaker.entity, statement.speaker.entity_type) == (OUTLET, "outlet")


@pytest.mark.parametrize(
    ("body", "entity"),
    [
        ("A report by the Ostravian Border Guard Service said the crossing was closed.",
         "Ostravian Border Guard Service"),
        ("The Meridian Institute's report said the crossing was closed.", "Meridian Institute"),
        ("Data from the Ostravian Border Guard Service show that the crossing was closed.",
         "Ostravian Border Guard Service"),
    ],
    ids=["report-by", "possessive", "data-from"],
)
def test_a_documents_author_is_the_voice(extract: Extract, body: str, entity: str) -> None:
    (statement,) = extract(body)
    assert statement.voice == "source"
    assert statement.speaker.entity == entity
    assert statement.speaker.entity_type == "organization"


@pytest.mark.parametrize(
    ("body", "entity", "country"),
    [
        # the article is about Ostravia (named three times): its military, not the front that spoke before
        ("Ostravian police said the blast hit a checkpoint near Kalven. A spokesman for the Kestrian Liberation "
         "Front said the group had no part in it. The military said the attackers had come from Kestria.",
         "Ostravia's Military", "XOS"),
        ("Ostravian officials said the talks would resume. The government said on Monday that the border would "
         "stay open.", "Government of Ostravia", "XOS"),
    ],
    ids=["the-military", "the-government"],
)
def test_a_bare_state_body_is_the_article_countrys(extract: Extract, body: str, entity: str, country: str) -> None:
    statement = extract(body)[-1]
    assert (statement.speaker.entity, statement.speaker.country) == (entity, country)


def test_a_described_body_is_only_a_body_of_its_kind(extract: Extract) -> None:
    body = (
        "A Kalven court said on Monday that the editor would stay in custody. The rights group said the ruling "
        "was a warning to every reporter in the country."
    )
    statements = extract(body)
    group = by_cue(statements, "said").speaker if len(statements) == 1 else statements[-1].speaker
    assert "court" not in (group.entity or "").lower()
