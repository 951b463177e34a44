"""Stance of Russian and Ukrainian statements: act, ICD 203 certainty, condition, evidential basis.

The act comes from the cue (``statements.slavic_lexicon.CUES``: "опроверг" denies, "обвинил"
accuses) and, under a plain verb of saying or naming, from the content ("это фейк" denies);
certainty from the language's hedges read on the ICD 203 scale (``stance.certainty``), as the
English stage does; the claim from the event words of ``events_slavic.toml`` (lemmas: "направила
войска", "переброска войск") and the countries around them, read through the gazetteer in any
inflected form ("Северной Кореи", "до Росії"), so that the key is the English one ("send_troops|PRK|RUS").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp import ru as nlp_ru
from claimwatch.nlp import uk as nlp_uk
from claimwatch.nlp.parsed import ParsedText, Word
from claimwatch.records import Assessment, Proposition, Statement
from claimwatch.stance.acts import plover_code
from claimwatch.stance.assess import POINTING_ACTS, claim_pointed_at
from claimwatch.stance.certainty import NOT_STATED, Hedge, compile_hedges, midpoint, read_certainty
from claimwatch.stance.claims import family_named, make_proposition
from claimwatch.statements import slavic_lexicon as lexicon
from claimwatch.statements.slavic import FormIndex

_MILITARY = {
    "ru": re.compile(r"войск\w*|военн\w+|солдат\w*|вооружен\w+|оружи\w+|ракет\w+|наемник\w*|армии|армия", re.I),
    "uk": re.compile(r"військ\w*|військов\w+|солдат\w*|зброї|зброя|ракет\w+|найманц\w+|армії|армія", re.I),
}
_NORMAL_FORMS: dict[str, Callable[[str], set[str]]] = {"ru": nlp_ru.normal_forms, "uk": nlp_uk.normal_forms}
# Words either side of an event word its object may stand: "направила в Россию тысячи солдат",
# "подразделения кестрийского контингента численностью до 2000 человек уже прибыли".
OBJECT_WINDOW = 8
# The preposition before a recipient: "в Россию", "на Украину", "к России", "до Росії", "у Росію".
_TOWARDS = {"в", "во", "на", "к", "ко", "до", "у"}
_POINTERS = {
    "ru": re.compile(r"^(?:эт\w*|так\w*|подобн\w*|данн\w*)?\s*(?:сообщени\w*|данн\w*|информаци\w*|утверждени\w*|"
                     r"заявлени\w*|обвинени\w*|слух\w*|сведени\w*|публикаци\w*)?$", re.I),
    "uk": re.compile(r"^(?:ц[іе]\w*|так\w*|под[іо]бн\w*)?\s*(?:повідомлен\w*|дан\w*|інформаці\w*|твердженн\w*|"
                     r"заяв\w*|звинувачен\w*|чутк\w*|відомост\w*|публікаці\w*)?$", re.I),
}
_NEGATION = {"ru": re.compile(r"\bне\b|\bнет\b|\bни\b", re.I), "uk": re.compile(r"\bне\b|\bнемає\b|\bні\b", re.I)}


@lru_cache(maxsize=4)
def hedges(language: str) -> tuple[Hedge, ...]:
    # Whole words only: "может" is a hedge, "сможет" is not.
    rows = lexicon.HEDGES[language]
    return compile_hedges((rf"(?<!\w)(?:{pattern})", term, strength) for pattern, term, strength in rows)


@dataclass(frozen=True, slots=True)
class SlavicFamily:
    name: str
    verbs: frozenset[str]  # lemmas of verbs and their action nouns
    objects: frozenset[str]  # lemmas; empty: the verb alone names the event


@lru_cache(maxsize=2)
def slavic_families(language: str) -> tuple[SlavicFamily, ...]:
    data = tomllib.loads(resources.files("claimwatch.stance").joinpath("events_slavic.toml").read_text("utf-8"))
    return tuple(
        SlavicFamily(item["name"], frozenset(item["verbs"][language]), frozenset(item["objects"][language]))
        for item in data["family"]
    )


def assess(
    statements: list[Statement], language: str, cue_acts: dict[str, str], parsed: ParsedText, gazetteer: Gazetteer
) -> list[Assessment]:
    """One assessment per statement; ``cue_acts`` maps a statement id to its cue's act from the lexicon.

    A statement without a claim of its own that denies, doubts or points at "these reports" takes the
    claim the article has put forward most (``stance.assess.claim_pointed_at``).
    """
    claims = ClaimReader(parsed, gazetteer, language)
    recent: list[tuple[Proposition, str | None, str | None]] = []
    by_id: dict[str, Assessment] = {}
    for statement in sorted(statements, key=lambda s: s.start):
        assessment = _assess(statement, language, cue_acts.get(statement.id, "asserts"))
        proposition = claims.proposition(statement)
        if proposition is None and (assessment.act in POINTING_ACTS or _is_pointer(statement, language)):
            proposition = claim_pointed_at(recent, statement, gazetteer)
        elif proposition is not None:
            recent.append((proposition, statement.speaker.entity, statement.speaker.country))
        by_id[statement.id] = replace(assessment, proposition=proposition,
                                      claim_key=proposition.key if proposition else None)
    return [by_id[statement.id] for statement in statements]


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


def _is_pointer(statement: Statement, language: str) -> bool:
    content = re.sub(r"[«»“”\"„].*$", "", statement.content.text).strip(" .,")  # "эти сообщения «вымыслом»"
    return bool(content) and bool(_POINTERS[language].match(content))


class ClaimReader:
    """The proposition of a statement's content: an event family and the countries around its word.

    The actor is the country nearest before the event word (the subject: "КНДР направила"), else the
    first after it ("переброска войск Северной Кореи"); the recipient a country after "в", "к", "до"
    ("в Россию", "до Росії"), or right after the verb ("поставляет России снаряды").
    """

    def __init__(self, parsed: ParsedText, gazetteer: Gazetteer, language: str) -> None:
        self.parsed = parsed
        self.gazetteer = gazetteer
        self.language = language
        self.forms_of = _NORMAL_FORMS[language]
        names = [(name, country.code) for country in gazetteer.countries for name in (country.name, *country.aliases)]
        self.country_names = FormIndex([*names, *gazetteer.country_names.items()], self.forms_of)

    def proposition(self, statement: Statement) -> Proposition | None:
        sentence = self.parsed.sentences[statement.sentence_index]
        span = statement.content
        words = [w for w in sentence.words if span.start <= w.start and w.end <= span.end and w.pos != "PUNCT"]
        forms = [self.forms_of(w.text) | {w.lemma} for w in words]
        family, at = _family(forms, self.language)
        if family is None:
            return None
        countries = self._countries(words, forms)
        recipients = [code for index, code in countries if index > 0 and words[index - 1].lemma in _TOWARDS]
        recipient = recipients[0] if recipients else None
        before = [code for index, code in countries if index < at and code != recipient]
        # After the event word only a genitive names its actor ("переброска войск КНДР"); a nominative
        # there is the subject of another clause ("в случае нападения на Кестрию Валдория примет меры").
        after = [(i, code) for i, code in countries if i > at and code != recipient and not self._nominative(words[i])]
        actor = before[-1] if before else (after.pop(0)[1] if after else None)
        if actor is None:
            return None  # "войска уже в России": no claim an analyst could track
        if recipient is None and after and after[0][0] == at + 1:
            recipient = after[0][1]  # "поставляет России снаряды"
        return make_proposition(family_named(family), self._name(actor), self._name(recipient), self.gazetteer)

    def _countries(self, words: list[Word], forms: list[set[str]]) -> list[tuple[int, str]]:
        """(position, ISO code) of each country the words name, a phrase of several words once."""
        found: list[tuple[int, str]] = []
        index = 0
        while index < len(words):
            size, code = self._country_at(words, forms, index)
            if code:
                found.append((index, code))
            index += size
        return found

    def _country_at(self, words: list[Word], forms: list[set[str]], index: int) -> tuple[int, str | None]:
        if found := self.country_names.longest(forms, index):
            return found
        for form in sorted(forms[index]):
            code = self.gazetteer.country_code(form)
            metonym = self.gazetteer.metonym(form)
            if code or metonym:
                return 1, code or metonym[0].code
        entity = self.gazetteer.entity(words[index].text, *sorted(forms[index]))
        if entity is not None and entity.kind in ("country", "government") and entity.country:
            return 1, entity.country
        return 1, None

    def _nominative(self, word: Word) -> bool:
        """Tagged so, or written as the gazetteer writes the name (an unknown name's case is a guess:
        "Валдорія"); not an abbreviation, which does not decline ("войск КНДР")."""
        return word.case == "Nom" or (not word.text.isupper() and self.gazetteer.country(word.text) is not None)

    def _name(self, code: str | None) -> str | None:
        country = self.gazetteer.country(code) if code else None
        return country.name if country else code


def _family(forms: list[set[str]], language: str) -> tuple[str | None, int]:
    """The event family named first in the content, and the position of its word."""
    for index, word_forms in enumerate(forms):
        nearby = set().union(*forms[max(0, index - OBJECT_WINDOW) : index + OBJECT_WINDOW + 1])
        for family in slavic_families(language):
            if word_forms & family.verbs and (not family.objects or nearby & family.objects):
                return family.name, index
    return None, -1


def _evidential(scope: str, language: str) -> str | None:
    for name, pattern in lexicon.EVIDENTIALS[language]:
        if re.search(pattern, scope, re.I):
            return name
    return None


__all__ = ["ClaimReader", "SlavicFamily", "assess", "hedges", "slavic_families"]
