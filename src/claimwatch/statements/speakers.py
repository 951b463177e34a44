"""Who a source mention stands for: names, roles, countries, pronouns and metonyms.

Within one article: a surname or a variant spelling resolves to the full name met earlier
(Zelenskyy -> Volodymyr Zelensky), an acronym to the organisation it abbreviates
(NIS -> National Intelligence Service), "he" to the latest person who spoke, "the
minister" to the latest speaker with that role, "the Kremlin" to Russia's government and
"Seoul" to South Korea. Titles before a name give the role and, by nationality
adjective or institution, the country.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claimwatch.gazetteer import Gazetteer
from claimwatch.records import Span as TextSpan
from claimwatch.records import Speaker
from claimwatch.statements import lexicon

_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "another", "some", "his", "her", "its", "their"}
_HONORIFICS = {"dr", "mr", "mrs", "ms", "prof", "sir", "dame"}  # "Dr. Ivo Maranek": no role, no affiliation


def person_key(name: str) -> str:
    """Spelling-tolerant key of a surname: Zelensky, Zelenskyy, Zelenskiy and Zelenski agree."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"[^a-z]", "", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    text = text.replace("sch", "sh").replace("kh", "h").replace("ck", "k")
    return re.sub(r"[iy]+$", "y", text)


def org_initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in ("of", "the", "and", "for", "on")]
    return "".join(word[0] for word in words).upper()


def span_of(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char, span.text)


@dataclass
class Known:
    """A speaker (or candidate) met in this article, with what is known about them."""

    name: str
    kind: str  # person | organization | country | government | group | outlet
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    mention: TextSpan | None = None


class SpeakerResolver:
    """Resolves source mentions in one article, in reading order."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, home_country: str | None, outlet: str | None) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.home_country = home_country
        self.outlet = outlet
        self.spoken: list[Known] = []  # resolved speakers, in order
        self.people = self._people_in_article()
        self.organizations = [ent for ent in doc.ents if ent.label_ == "ORG"]

    # -- the article's people ---------------------------------------------------------------
    def _people_in_article(self) -> dict[str, Known]:
        """Full names by surname key, with roles from their titles ("Ukrainian President ...")."""
        people: dict[str, Known] = {}
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or len(ent) < 2 or not ent.text[0].isupper():
                continue
            known = self._describe_person(ent)
            key = person_key(_surname(ent.text))
            if key not in people:
                people[key] = known
            else:
                people[key] = _merge(people[key], known)
        for entry in self.gazetteer.people():
            seen = people.get(person_key(_surname(entry["name"])))
            for alias in (entry["name"], *entry.get("aliases", [])):
                if not person_key(_surname(alias)):
                    continue  # a spelling in another script ("젤렌스키"): the other languages' pipelines read it
                base = seen or people.get(person_key(_surname(alias))) or Known(entry["name"], "person")
                people[person_key(_surname(alias))] = Known(
                    entry["name"], "person", base.role or entry.get("role"), base.affiliation,
                    base.country or entry.get("country"), base.mention,
                )
        return people

    def _describe_person(self, ent: Span) -> Known:
        role, affiliation, country = self._title_before(ent)
        appos = self._apposition(ent)
        if appos:
            role = role or appos[0]
            affiliation = affiliation or appos[1]
            country = country or appos[2]
        return Known(_clean_name(ent.text), "person", role, affiliation, country, span_of(ent))

    def _title_before(self, ent: Span) -> tuple[str | None, str | None, str | None]:
        """Role, affiliation and country from the words before a name in its noun phrase."""
        doc = self.doc
        start = min(ent.root.left_edge.i, ent.start)
        for token in doc[start : ent.start]:
            if token.text in (",", "(", ";") or token.is_space or token.pos_ in ("VERB", "AUX", "ADP"):
                start = token.i + 1  # the title is what stands right before the name
        words = [
            t for t in doc[start : ent.start]
            if t.lower_ not in _DETERMINERS and not t.is_punct and t.lower_.rstrip(".") not in _HONORIFICS
        ]
        if not words:
            return None, None, self._here_country(ent)
        return self._read_title(words, ent)

    def _read_title(self, words: list[Token], anchor: Span) -> tuple[str | None, str | None, str | None]:
        country = None
        role_start = _role_start(words)
        affiliation_words: list[Token] = []
        for word in words[:role_start]:
            code = self.gazetteer.country_code(word.text)
            if code and not affiliation_words and word.ent_type_ in ("NORP", "GPE", ""):
                country = country or code
            else:
                affiliation_words.append(word)
        role_words = words[role_start:]
        affiliation = " ".join(w.text for w in affiliation_words) or None
        if affiliation and not country:
            country = self._country_of_org(affiliation)
        role = _role_text(role_words)
        if role and not _is_role(role):
            role = None
        return role, affiliation, country or self._here_country(anchor)

    def _apposition(self, ent: Span) -> tuple[str | None, str | None, str | None] | None:
        head = ent.root
        for child in head.children:
            if child.dep_ == "appos" and child.lemma_.lower() in lexicon.ROLE_NOUNS:
                words = [t for t in child.subtree if t.lower_ not in _DETERMINERS and not t.is_punct]
                role_words = [t for t in words if t.i <= child.i]
                affiliation = " ".join(t.text for t in words if t.i > child.i and t.dep_ != "prep") or None
                role, _, country = self._read_title(role_words, ent)
                return role, affiliation, country or (self._country_of_org(affiliation) if affiliation else None)
        return None

    def _here_country(self, anchor: Span) -> str | None:
        """"the Defense Minister here": the country of the dateline."""
        for token in anchor.root.children:
            if token.lower_ == "here":
                return self.home_country
        following = self.doc[anchor.end] if anchor.end < len(self.doc) else None
        if following is not None and following.lower_ == "here":
            return self.home_country
        return None

    def _country_of_org(self, name: str) -> str | None:
        if metonym := self._metonym_in(name):
            return metonym
        pairs_then_words = [*re.findall(r"[A-Z][\w.]+(?:\s[A-Z][\w.]+)?", name), *re.findall(r"[A-Z][\w.]+", name)]
        for word in pairs_then_words:  # "South Korea", then "Ostravian" in "Ostravian Border Guard Service"
            if code := self.gazetteer.country_code(word):
                return code
        for entry in self.gazetteer.organizations():
            if name in (entry["name"], *entry.get("aliases", [])):
                return entry.get("country")
        return None

    def _metonym_in(self, name: str) -> str | None:
        words = name.split()
        for size in (2, 1):
            for index in range(len(words) - size + 1):
                found = self.gazetteer.metonym(" ".join(words[index : index + size]))
                if found and found[1]:
                    return found[0].code
        return None

    # -- resolving a mention ----------------------------------------------------------------------
    def resolve(self, mention: Span | None, head: Token | None, outlet_voice: bool = False) -> Speaker:
        if outlet_voice or mention is None or head is None:
            return Speaker(span_of(mention) if mention is not None else None, self.outlet, "outlet")
        known, resolved_from = self._resolve_known(mention, head)
        if known.kind in ("person", "organization", "government", "country"):
            self.spoken.append(known)
        # The name the speaker goes by here is the entity holding the head, not a nationality before it
        # ("Ukrainian President Volodymyr Zelensky" is written "Volodymyr Zelensky", not "Ukrainian").
        labels = ("PERSON", "ORG", "GPE", "NORP")
        named = next((ent for ent in mention.ents if ent.label_ in labels and ent.start <= head.i < ent.end), None)
        return Speaker(
            mention=span_of(mention),
            entity=known.name,
            entity_type=known.kind,
            role=known.role,
            affiliation=known.affiliation,
            country=known.country,
            resolved_from=resolved_from,
            written_name=_clean_name(named.text) if named is not None and resolved_from is None else None,
        )

    def _resolve_known(self, mention: Span, head: Token) -> tuple[Known, TextSpan | None]:
        lower = head.lower_
        if head.pos_ == "PRON" or lower in lexicon.PERSON_PRONOUNS or lower in lexicon.GROUP_PRONOUNS:
            return self._pronoun(mention, lower)
        metonym = self.gazetteer.metonym(mention.text)
        if metonym is not None:
            country, government = metonym
            name = f"Government of {country.name}" if government else country.name
            return Known(name, "government" if government else "country", None, None, country.code), None
        people = [ent for ent in mention.ents if ent.label_ == "PERSON"]  # the one holding the head first
        person = next((ent for ent in people if ent.start <= head.i < ent.end), people[0] if people else None)
        if person is None and head.pos_ == "PROPN" and person_key(head.text) in self.people:
            person = mention[head.i - mention.start : head.i - mention.start + 1]
        if person is not None:
            return self._person(person, mention), None
        if _is_definite_description(mention, head):
            found = self._description(head)
            if found is not None:
                return found
        names = [ent for ent in mention.ents if ent.label_ in ("ORG", "NORP", "GPE")]
        org = next((ent for ent in names if ent.start <= head.i < ent.end), None)  # the name the head is part of
        is_org_noun = head.lemma_.lower() in lexicon.ORGANIZATION_NOUNS
        if org is None and names:
            if head.pos_ == "PROPN":
                return self._organization(mention, mention), None  # "Ostravia's Military Intelligence Directorate"
            if not is_org_noun and self.gazetteer.country_code(_possessor(names[0].text)):
                return self._group(mention), None  # "U.S. officials", "Kestrian officials": people, not the country
            if names[0].label_ == "ORG":
                org = names[0]  # "NATO officials", "Alliance governments"
        if org is not None and org.label_ == "GPE":
            code = self.gazetteer.country_code(org.text) or self.gazetteer.alpha3(org.text)
            if code and self.gazetteer.country(code):
                return Known(self.gazetteer.country(code).name, "country", None, None, code), None
        if org is None and _is_definite_org_description(mention, head):
            described = self._organization_described(head)  # "the spy agency": the bureau that spoke before
            if described is not None:
                return described
        acronym = head.pos_ == "PROPN" and head.text.isupper() and 2 <= len(head.text) <= 6  # "the OBGS"
        if (org is not None and org.label_ == "ORG") or is_org_noun or acronym:
            return self._organization(org if org is not None else mention, mention), None
        return self._group(mention), None

    def _person(self, ent: Span, mention: Span) -> Known:
        key = person_key(_surname(ent.text))
        base = self.people.get(key)
        role, affiliation, country = self._title_before(ent)
        if base is None:
            return Known(_clean_name(ent.text), "person", role, affiliation, country, span_of(ent))
        return Known(base.name, "person", role or base.role, affiliation or base.affiliation,
                     country or base.country, base.mention)

    def _pronoun(self, mention: Span, lower: str) -> tuple[Known, TextSpan | None]:
        wants_person = lower in lexicon.PERSON_PRONOUNS or lower in lexicon.FIRST_PERSON
        for known in reversed(self.spoken):
            if (known.kind == "person") == wants_person:
                return known, known.mention
        candidates = [ent for ent in self.doc.ents if ent.end_char <= mention.start_char]
        label = ("PERSON",) if wants_person else ("ORG", "GPE")
        for ent in reversed(candidates):
            if ent.label_ in label:
                known = self._person(ent, ent) if ent.label_ == "PERSON" else self._organization(ent, ent)
                return known, span_of(ent)
        return Known(mention.text, "group"), None

    def _description(self, head: Token) -> tuple[Known, TextSpan | None] | None:
        noun = head.lemma_.lower()
        for known in reversed(self.spoken):
            if known.role and noun in known.role.lower():
                return known, known.mention
        for known in self.people.values():
            if known.role and noun in known.role.lower():
                return known, known.mention
        return None

    def _organization_described(self, head: Token) -> tuple[Known, TextSpan | None] | None:
        """"the ministry", "the spy agency": the latest organisation that spoke, preferably one named so."""
        spoken = [known for known in reversed(self.spoken) if known.kind == "organization"]
        noun = head.lemma_.lower()
        for known in spoken:
            if noun in known.name.lower():
                return known, known.mention
        return (spoken[0], spoken[0].mention) if spoken else None

    def _organization(self, ent: Span, mention: Span) -> Known:
        name = _clean_name(ent.text)
        anchor = ent
        if name.isupper() and 2 <= len(name) <= 6:
            for earlier in self.organizations:
                if earlier.start_char < ent.start_char and org_initials(earlier.text) == name:
                    name, anchor = _clean_name(earlier.text), earlier
                    break
        for entry in self.gazetteer.organizations():
            if name in (entry["name"], *entry.get("aliases", [])):
                return Known(entry["name"], "organization", None, None, entry.get("country"), span_of(ent))
        for known in self.spoken:
            if known.kind == "organization" and known.name == name:
                return known
        country = self._country_of_org(name) or self._here_country(anchor) or self._country_in(mention)
        return Known(name, "organization", None, None, country, span_of(ent))

    def _country_in(self, mention: Span) -> str | None:
        """The country a mention names beside the organisation: "South Korea's National Intelligence Service"."""
        for ent in mention.ents:
            if ent.label_ in ("GPE", "NORP") and (code := self.gazetteer.country_code(_possessor(ent.text))):
                return code
        return None

    def _group(self, mention: Span) -> Known:
        words = [t for t in mention if t.lower_ not in _DETERMINERS]
        name = " ".join(t.text for t in words) or mention.text
        country = next((code for t in words if (code := self.gazetteer.country_code(t.text))), None)
        return Known(name, "group", None, None, country, span_of(mention))


def _is_definite_description(mention: Span, head: Token) -> bool:
    """"the minister", "the spokesman": singular, definite, no name. "analysts" or "a spokesperson" are not."""
    return (
        head.lemma_.lower() in lexicon.ROLE_NOUNS
        and head.tag_ == "NN"
        and mention[0].lower_ in ("the", "this")
        and not any(t.pos_ == "PROPN" for t in mention)
    )


def _possessor(name: str) -> str:
    """"South Korea's" -> "South Korea"."""
    return re.sub(r"\s*['’]s?$", "", name.strip())


def _is_definite_org_description(mention: Span, head: Token) -> bool:
    """"the ministry", "the spy agency", "the bureau": an organisation named before."""
    return (
        head.lemma_.lower() in lexicon.ORGANIZATION_NOUNS
        and mention[0].lower_ in ("the", "this")
        and not any(t.pos_ == "PROPN" for t in mention)
    )


def _surname(name: str) -> str:
    parts = _clean_name(name).split()
    return parts[-1] if parts else name


def _clean_name(name: str) -> str:
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I)
    name = re.sub(r"\s*-\s*", "-", name)
    return re.sub(r"\s+", " ", name).strip(" ,")


def _role_start(words: list[Token]) -> int:
    """Where the title begins: the role noun and the title words just before it ("Deputy Foreign Minister").

    Words of a multi-word organisation name ("White House National Security Council") are not title words.
    """
    last_role = max((i for i, w in enumerate(words) if w.lemma_.lower() in lexicon.ROLE_NOUNS), default=None)
    if last_role is None:
        return len(words)
    start = last_role
    while start > 0:
        word = words[start - 1]
        in_long_org = word.ent_type_ == "ORG" and _entity_length(word) > 1
        if in_long_org or word.ent_type_ in ("NORP", "GPE") or not word.text[:1].isupper():
            break
        start -= 1
    return start


def _entity_length(token: Token) -> int:
    return next((len(ent) for ent in token.doc.ents if ent.start <= token.i < ent.end), 0)


def _role_text(words: list[Token]) -> str | None:
    text = " ".join(t.text for t in words).strip()
    return text or None


def _is_role(text: str) -> bool:
    return any(word.lower() in lexicon.ROLE_NOUNS for word in text.split())


def _merge(first: Known, second: Known) -> Known:
    return replace(
        first,
        role=first.role or second.role,
        affiliation=first.affiliation or second.affiliation,
        country=first.country or second.country,
    )
