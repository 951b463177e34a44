"""Who a source mention stands for: names, roles, countries, pronouns and metonyms.

Within one article: a surname or a variant spelling resolves to the full name met earlier
(Zelenskyy -> Volodymyr Zelensky), an acronym to the organisation it abbreviates
(NIS -> National Intelligence Service), "he" to the latest person who spoke, "the
minister" to the latest speaker with that role, "the Kremlin" to Russia's government and
"Seoul" to South Korea. Titles before a name give the role and, by nationality
adjective or institution, the country.

Fragments are not voices: "whose foreign ministry" is the foreign ministry of the noun the
relative clause describes ("Pakistan, whose foreign ministry said" -> Pakistan's Foreign
Ministry), "its army" the army of the organisation or country last named, "his office" the
person. Institutions of a state are named "<Country>'s <Institution>" ("the Nigerian military"
-> Nigeria's Military), a government "Government of <Country>"; a bare "the military", "the
government" or "the ministry" is the last such body named in the article, or else the
institution of the country the article is about (the country its places and nationalities name
most often, the dateline counting once).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Span, Token

from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp.views import entities, entities_starting, entity_at, span_entities
from claimwatch.records import Span as TextSpan
from claimwatch.records import Speaker
from claimwatch.statements import lexicon

_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "another", "some", "his", "her", "its", "their"}
_HONORIFICS = {"dr", "mr", "mrs", "ms", "prof", "sir", "dame"}  # "Dr. Ivo Maranek": no role, no affiliation
_POSSESSIVE_DETERMINERS = {"whose", "its", "their", "his", "her"}
# Kinds of body: a description ("the spy agency") stands for a body named before only of its own kind.
_BODY_KINDS = {
    "government": {"government", "administration", "cabinet", "executive", "presidency", "kremlin"},
    "military": {"military", "army", "navy", "forces", "force", "troops", "command"},
    "ministry": {"ministry", "department"},
    "office": {"office"},
    "intelligence": {"agency", "service", "bureau", "directorate", "intelligence", "spy"},
    "police": {"police"},
    "legislature": {"parliament", "assembly", "congress", "senate", "legislature"},
    "court": {"court", "tribunal"},
}
# Kinds every state has: a bare "the military" with no such body named is the article's country's.
SUBJECTS = ("nsubj", "nsubjpass")
# Words of a state body's generic name ("the Foreign Ministry", "Defense Ministry"): the country makes it unique.
_GENERIC_BODY_WORDS = {
    "foreign", "defense", "defence", "interior", "finance", "justice", "health", "affairs", "ministry", "military",
    "army", "navy", "air", "force", "forces", "armed", "police", "government", "presidential", "office", "spy",
    "agency", "intelligence", "ministry's", "election", "commission",
}
_STATE_KINDS = {"government", "military", "ministry", "office", "intelligence", "police", "legislature"}


@lru_cache(maxsize=65536)  # pure, and asked for every gazetteer person in every article
def person_key(name: str) -> str:
    """Spelling-tolerant key of a surname: Zelensky, Zelenskyy, Zelenskiy and Zelenski agree.

    A name in another script keeps its letters ("Лунд" -> "лунд"), so that two such names never share
    the empty key.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    if not re.search(r"[a-z]", text):
        return re.sub(r"\W", "", name.casefold().replace("ё", "е"))
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
        self.organizations = [ent for ent in entities(doc) if ent.label_ == "ORG"]

    # -- the article's people ---------------------------------------------------------------
    def _people_in_article(self) -> dict[str, Known]:
        """Full names by surname key, with roles from their titles ("Ukrainian President ...")."""
        people: dict[str, Known] = {}
        for ent in entities(self.doc):
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
        named = next(
            (ent for ent in span_entities(mention) if ent.label_ in labels and ent.start <= head.i < ent.end), None
        )
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
        metonym = self.gazetteer.metonym(_clean_name(mention.text))
        if metonym is not None:
            country, government = metonym
            name = f"Government of {country.name}" if government else country.name
            return Known(name, "government" if government else "country", None, None, country.code), None
        named = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is not None and head.lemma_.lower() in lexicon.ROLE_NOUNS:
            return self._person(_mention_span(named), mention), None  # "Selmara's defence minister, Jun Hae-ryong"
        possessive = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVE_DETERMINERS), None)
        if possessive is not None:
            return self._possessed(mention, head, possessive)
        if (institution := self._institution(mention, head)) is not None:
            return institution
        people = [ent for ent in span_entities(mention) if ent.label_ == "PERSON" and not self._is_place(ent.text)]
        person = next((ent for ent in people if ent.start <= head.i < ent.end), people[0] if people else None)
        if person is None and head.pos_ == "PROPN" and person_key(head.text) in self.people:
            person = mention[head.i - mention.start : head.i - mention.start + 1]
        if person is not None:
            return self._person(person, mention), None
        if _is_definite_description(mention, head):
            found = self._description(head)
            if found is not None:
                return found
        names = [ent for ent in span_entities(mention) if ent.label_ in ("ORG", "NORP", "GPE")]
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
            code = self.gazetteer.country_code(_clean_name(org.text)) or self.gazetteer.alpha3(_clean_name(org.text))
            if code and self.gazetteer.country(code):
                return Known(self.gazetteer.country(code).name, "country", None, None, code), None
        if org is None and _is_definite_org_description(mention, head):
            kind = _body_kind(head.lemma_.lower()) or "body"
            described = self._body_described(mention, head, kind)  # "the group": the one that spoke before
            if described is not None:
                return described
        acronym = head.pos_ == "PROPN" and head.text.isupper() and 2 <= len(head.text) <= 6  # "the OBGS"
        if (org is not None and org.label_ == "ORG") or is_org_noun or acronym:
            return self._organization(org if org is not None else mention, mention), None
        return self._group(mention), None

    def _person(self, ent: Span, mention: Span) -> Known:
        surname = _surname(ent.text)
        # an initialism is no surname: "The U.N." is not Kim Jong Un ("un")
        base = None if "." in surname else self.people.get(person_key(surname))
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
        # an entity ending before the mention also starts before it
        before = entities_starting(self.doc, 0, mention.start)
        candidates = [ent for ent in before if ent.end_char <= mention.start_char]
        label = ("PERSON",) if wants_person else ("ORG", "GPE")
        for ent in reversed(candidates):
            if ent.label_ in label:
                if ent.label_ == "PERSON":
                    return self._person(ent, ent), span_of(ent)
                return self._country(ent) or self._organization(ent, ent), span_of(ent)
        return Known(mention.text, "group"), None

    def _country(self, ent: Span) -> Known | None:
        """A place name as a voice: its country ("the United States", "Pakistan")."""
        code = self.gazetteer.country_code(_clean_name(ent.text))
        country = self.gazetteer.country(code) if code and ent.label_ == "GPE" else None
        return Known(country.name, "country", None, None, code, span_of(ent)) if country else None

    def _is_place(self, name: str) -> bool:
        """"Selmara's" or "Selmaran" tagged as a person: a country or its people, not someone."""
        return self.gazetteer.country_code(_possessor(_clean_name(name))) is not None

    def _possessed(self, mention: Span, head: Token, possessive: Token) -> tuple[Known, TextSpan | None]:
        """"whose foreign ministry", "its army", "their spokesman", "his office": the owner speaks through it."""
        if possessive.lower_ == "whose":
            owner = self._antecedent(possessive)
            if owner is None:
                return Known(_clean_name(mention.text), "group"), None
            known, _ = self._resolve_known(_mention_span(owner), owner)
            resolved_from = span_of(_mention_span(owner))
        elif possessive.lower_ in ("its", "their") and (owner := self._owner_before(mention)) is not None:
            known, _ = self._resolve_known(_mention_span(owner), owner)
            resolved_from = span_of(_mention_span(owner))
        else:
            known, resolved_from = self._pronoun(mention, possessive.lower_)
        kind = _body_kind(head.lemma_.lower())
        if known.kind in ("country", "government") and kind is not None and known.country:
            return self._state_body(known.country, kind, _described_words(mention, head)), resolved_from
        if known.kind in ("person", "organization", "government", "country") and (
            kind is not None or head.lemma_.lower() in lexicon.ROLE_NOUNS
        ):
            return known, resolved_from  # "his office said", "its spokesman said": the owner's words
        words = " ".join(t.text for t in mention if t.i != possessive.i and t.lower_ not in _DETERMINERS)
        if possessive.lower_ in ("its", "their"):
            return Known(words, "group"), None  # "their sources": unnamed people, whoever "their" is
        return Known(f"{known.name}'s {words}", "group", None, None, known.country), resolved_from

    def _owner_before(self, mention: Span) -> Token | None:
        """What "its" refers to: the country or organisation that is (or owns) the subject of this sentence
        before the mention, or of the sentence before; else the one named last before it."""
        sentence = mention.sent
        previous = self.doc[sentence.start - 1].sent if sentence.start > 0 else None
        for span in (self.doc[sentence.start : mention.start], previous):
            named = [t for t in span or [] if t.ent_type_ in ("GPE", "ORG") and t.ent_iob_ == "B"] if span else []
            for token in named:
                root = _mention_span(token).root
                if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "poss" and root.head.dep_ in SUBJECTS):
                    return root
            if named and span is not previous:
                return _mention_span(named[-1]).root
        return None

    def _antecedent(self, relative: Token) -> Token | None:
        """The noun a "whose" clause describes: "Pakistan, whose foreign ministry said" -> Pakistan."""
        token = relative
        while token.dep_ != "relcl" and token.head.i != token.i:
            token = token.head
        return token.head if token.dep_ == "relcl" else None

    def _institution(self, mention: Span, head: Token) -> tuple[Known, TextSpan | None] | None:
        """A state body written as a common noun: "the Nigerian military", "Pakistan's army", "the government"."""
        kind = _body_kind(head.lemma_.lower())
        if kind is None or any(t.dep_ == "cc" for t in mention):
            return None  # "Ostravia and Alliance governments": several voices, left as written
        owner = self._owner_country(mention, head)
        if any(t.i < head.i and (t.pos_ == "PROPN" or t.ent_type_) and not self._is_place(t.text) for t in mention):
            return None  # "China's Xinhua news agency", "the C.A.R. military": a name the gazetteer lacks
        generic = all(w.lower() in _GENERIC_BODY_WORDS for w in _described_words(mention, mention[-1]).split())
        named = head.pos_ == "PROPN" or (head.text[:1].isupper() and head.i != mention.start)
        if named and not (generic and owner):
            return None  # "the Defense Ministry", "Selmara's National Intelligence Bureau": names
        if owner is None and not _is_definite_org_description(mention, head):
            return None
        described = self._body_described(mention, head, kind, owner)
        if described is not None:
            return described
        country = owner or (self.article_country if kind in _STATE_KINDS else None)
        if country is None:
            return None
        return self._state_body(country, kind, _described_words(mention, head)), None

    def _owner_country(self, mention: Span, head: Token) -> str | None:
        """The country a body belongs to by a word before it: "Pakistan's", "Nigerian", "the Trump" (his)."""
        for token in mention:
            if token.i >= head.i or token.dep_ not in ("poss", "amod", "compound", "nmod"):
                continue
            if code := self.gazetteer.country_code(_possessor(token.text)):
                return code
            person = self.people.get(person_key(token.text)) if token.ent_type_ == "PERSON" else None
            if person is not None and person.country:
                return person.country
        for ent in span_entities(mention):
            code = self.gazetteer.country_code(_possessor(_clean_name(ent.text)))
            if ent.label_ in ("GPE", "NORP") and ent.end <= head.i and code:
                return code
        return None

    def _state_body(self, code: str, kind: str, words: str) -> Known:
        """The body of a country: one the gazetteer knows by these words ("Selmara's spy agency"), or
        "Government of <Country>", or "<Country>'s <Words>"."""
        for entry in self.gazetteer.organizations():
            names = (entry["name"], *entry.get("aliases", []))
            if entry.get("country") == code and any(self._without_country(n) == words.lower() for n in names):
                return Known(entry["name"], "organization", None, None, code)
        country = self.gazetteer.country(code)
        name = country.name if country else code
        if kind == "government" and words.lower() in _BODY_KINDS["government"]:
            return Known(f"Government of {name}", "government", None, None, code)
        return Known(f"{name}'s {words.title()}", "organization", None, None, code)

    def _without_country(self, name: str) -> str:
        """"Selmaran presidential office" -> "presidential office"."""
        first, _, rest = name.lower().partition(" ")
        return rest if rest and self.gazetteer.country_code(_possessor(first)) else name.lower()

    def _body_described(
        self, mention: Span, head: Token, kind: str, country: str | None = None
    ) -> tuple[Known, TextSpan | None] | None:
        """"the ministry", "the spy agency": the latest body of that kind (and country) that spoke, else one
        named before."""
        modifiers = [w.lower() for w in _described_words(mention, head).split()[:-1]]
        spoken = [known for known in reversed(self.spoken) if known.kind in ("organization", "government")]
        for known in spoken:
            if _fits(known.name, kind, modifiers) and known.country in (None, country or known.country):
                return known, known.mention
        for ent in reversed(self.organizations):  # named, not (yet) heard: only a body that says its kind
            if ent.end_char <= mention.start_char and _body_kind(ent.root.lemma_.lower()) == kind:
                known = self._organization(ent, ent)
                if _fits(known.name, kind, modifiers) and known.country in (None, country or known.country):
                    return known, known.mention
        return None

    @cached_property
    def article_country(self) -> str | None:
        """Where the article speaks from: its dateline's country, else the country its places and
        nationalities name most often (ties: the first named)."""
        if self.home_country:
            return self.home_country
        codes = []
        for ent in entities(self.doc):
            if ent.label_ in ("GPE", "NORP"):
                code = self.gazetteer.country_code(_possessor(_clean_name(ent.text)))
                if code is None and (metonym := self.gazetteer.metonym(_clean_name(ent.text))):
                    code = metonym[0].code
                if code:
                    codes.append(code)
        counts = Counter(codes)
        return max(counts, key=lambda code: (counts[code], -codes.index(code))) if codes else None

    def _description(self, head: Token) -> tuple[Known, TextSpan | None] | None:
        noun = head.lemma_.lower()
        for known in reversed(self.spoken):
            if known.role and noun in known.role.lower():
                return known, known.mention
        for known in self.people.values():
            # only people this article names: "the leader of his legal team" is not the gazetteer's
            # "Leader of North Korea"
            if known.mention is not None and known.role and noun in known.role.lower():
                return known, known.mention
        return None

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
        for ent in span_entities(mention):
            if ent.label_ in ("GPE", "NORP") and (code := self.gazetteer.country_code(_possessor(ent.text))):
                return code
        return None

    def _group(self, mention: Span) -> Known:
        words = [t for t in mention if t.lower_ not in _DETERMINERS]
        name = " ".join(t.text for t in words) or mention.text
        # a place named whole first: "North Korea's army chief" is North Korea's, not (South) Korea's
        country = self._country_in(mention) or next(
            (code for t in words if (code := self.gazetteer.country_code(t.text))), None
        )
        return Known(_clean_name(name), "group", None, None, country, span_of(mention))


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


def _body_kind(noun: str) -> str | None:
    return next((kind for kind, nouns in _BODY_KINDS.items() if noun in nouns), None)


def _described_words(mention: Span, head: Token) -> str:
    """"the foreign ministry" -> "foreign ministry": the words of a description, up to its head."""
    words = [
        t.text for t in mention
        if t.i <= head.i and t.lower_ not in _DETERMINERS and t.lower_ not in _POSSESSIVE_DETERMINERS
        and not t.is_punct and t.dep_ not in ("poss", "case") and t.ent_type_ not in ("GPE", "NORP", "PERSON")
    ]
    return " ".join(words) or head.text


def _fits(name: str, kind: str, modifiers: list[str]) -> bool:
    """Can a body named ``name`` be "the <modifiers> <noun of kind>"? Its name must not say it is of another
    kind (a court is no rights group), and words of the description other than kind words must be in it."""
    words = {w.lower() for w in re.findall(r"[\w-]+", name)}
    kinds = {other for other, nouns in _BODY_KINDS.items() if words & nouns}
    if kinds and kind not in kinds:
        return False
    if not kinds and kind in _STATE_KINDS - {"intelligence"}:
        return False  # "the military" is no acronym-named group
    loose = [m for m in modifiers if not any(m in nouns for nouns in _BODY_KINDS.values())]
    return all(any(w.startswith(m[:6]) for w in words) for m in loose)


def _mention_span(token: Token) -> Span:
    """A noun's words: its entity if it is part of one, else its left modifiers and itself."""
    entity = entity_at(token)
    return entity if entity is not None else token.doc[token.left_edge.i : token.i + 1]


@lru_cache(maxsize=65536)
def _surname(name: str) -> str:
    parts = _clean_name(name).split()
    return parts[-1] if parts else name


def _clean_name(name: str) -> str:
    name = name.strip().replace("’", "'")
    name = re.sub(r"^(?:the|a|an|neither|either|both)\s+", "", name, flags=re.I)
    name = re.sub(r"\s+(?:in|of|at|for|from|with|on)$", "", name)  # "The Ostravian Embassy in" (a cut name)
    name = re.sub(r"\s*-\s*", "-", name)
    name = re.sub(r"\s*'s?$", "", name)  # "the Meridian Institute's (report)": the possessor
    name = re.sub(r"\s+'s\b", "'s", name)
    return re.sub(r"\s+", " ", name).strip(" ,-")


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
    entity = entity_at(token)
    return len(entity) if entity is not None else 0


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
