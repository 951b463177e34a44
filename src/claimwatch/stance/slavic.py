"""Stance of Russian and Ukrainian statements: act, ICD 203 certainty, condition, evidential basis.

The act comes from the cue (``statements.slavic_lexicon.CUES``: "опроверг" denies, "обвинил"
accuses) and, under a plain verb of saying or naming, from the content ("это фейк" denies);
certainty from the language's hedges read on the ICD 203 scale (``stance.certainty``), as the
English stage does. Propositions and claim keys are left to the English claim stage: these
statements reach claims through their sentence embeddings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimwatch.records import Assessment, Statement
from claimwatch.stance.acts import plover_code
from claimwatch.stance.certainty import NOT_STATED, Hedge, compile_hedges, midpoint, read_certainty
from claimwatch.statements import slavic_lexicon as lexicon

_MILITARY = {
    "ru": re.compile(r"войск\w*|военн\w+|солдат\w*|вооружен\w+|оружи\w+|ракет\w+|наемник\w*|армии|армия", re.I),
    "uk": re.compile(r"військ\w*|військов\w+|солдат\w*|зброї|зброя|ракет\w+|найманц\w+|армії|армія", re.I),
}
_NEGATION = {"ru": re.compile(r"\bне\b|\bнет\b|\bни\b", re.I), "uk": re.compile(r"\bне\b|\bнемає\b|\bні\b", re.I)}


@lru_cache(maxsize=4)
def hedges(language: str) -> tuple[Hedge, ...]:
    # Whole words only: "может" is a hedge, "сможет" is not.
    rows = lexicon.HEDGES[language]
    return compile_hedges((rf"(?<!\w)(?:{pattern})", term, strength) for pattern, term, strength in rows)


def assess(statements: list[Statement], language: str, cue_acts: dict[str, str]) -> list[Assessment]:
    """One assessment per statement; ``cue_acts`` maps a statement id to its cue's act from the lexicon."""
    return [_assess(statement, language, cue_acts.get(statement.id, "asserts")) for statement in statements]


def _assess(statement: Statement, language: str, cue_act: str) -> Assessment:
    content = statement.content.text
    scope = f"{statement.cue.text if statement.cue else ''} {content}"
    term, words = read_certainty(scope, hedges(language))
    if words and re.search(lexicon.NEGATORS[language], scope[: scope.find(words)], re.I):
        term, words = NOT_STATED, None  # "никто не сможет сказать, что это выдумки"
    if cue_act == "assesses" and term == NOT_STATED:
        term, words = "likely", statement.cue.text if statement.cue else None
    condition = re.search(lexicon.CONDITIONS[language], content, re.I)
    act = _act(statement, language, cue_act, term)
    plover = plover_code(act, military=bool(_MILITARY[language].search(content)))
    return Assessment(
        statement_id=statement.id,
        polarity="negated" if act == "denies" or _negated(content, language) else "affirmed",
        certainty=term,
        probability=midpoint(term),
        certainty_cue=words,
        conditional=condition is not None,
        condition=condition.group(0) if condition else None,
        evidential=_evidential(scope, language),
        act=act,
        plover=plover,
        proposition=None,
        claim_key=None,
    )


def _act(statement: Statement, language: str, cue_act: str, term: str) -> str:
    content = statement.content.text
    denial = re.search(lexicon.DENIAL_WORDS[language], content, re.I)
    if denial and re.search(lexicon.NEGATORS[language], content[: denial.start()], re.I):
        denial = None  # "никто не сможет сказать, что это выдумки"
    if cue_act == "denies" or (cue_act in ("asserts", "names") and denial):
        return "denies"
    if cue_act in ("accuses", "confirms", "threatens", "pledges", "questions"):
        return cue_act
    scope = f"{statement.cue.text if statement.cue else ''} {content}"
    if re.search(lexicon.INVESTIGATE_WORDS[language], scope, re.I) or cue_act == "investigates":
        return "investigates"
    if re.search(lexicon.CONCERN_WORDS[language], scope, re.I):
        return "expresses_concern"
    if content.rstrip("»“”\" ").endswith("?"):
        return "questions"
    if re.search(lexicon.THREAT_WORDS[language], content, re.I):
        return "threatens"
    if re.search(lexicon.PLEDGE_WORDS[language], content, re.I):
        return "pledges"
    if cue_act == "assesses" or term not in (NOT_STATED, "almost certain"):
        return "assesses"
    if cue_act == "reports" or statement.speaker.entity_type == "outlet":
        return "reports"
    return "asserts"


def _negated(content: str, language: str) -> bool:
    """The main clause says "not" before its first verb-like word ("войска не покидали казарм")."""
    return bool(_NEGATION[language].search(content[:40]))


def _evidential(scope: str, language: str) -> str | None:
    for name, pattern in lexicon.EVIDENTIALS[language]:
        if re.search(pattern, scope, re.I):
            return name
    return None


__all__ = ["assess", "hedges"]
