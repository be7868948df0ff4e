"""Public holidays of a region, from the maintained `holidays` package (pure, no ORM).

A region is a country code ("CA"), a country and one of its subdivisions ("CA-ON"), or "none".
Observed days follow the package (Boxing Day on a Saturday is observed the next Monday); names
are in Canadian English where the package has it.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import holidays
from holidays import registry

__all__ = [
    "NO_HOLIDAYS",
    "is_known_region",
    "public_holidays",
    "region_choices",
    "region_label",
]

NO_HOLIDAYS = "none"
_SMALL_WORDS = {"And", "Of", "The"}
_ENGLISH = ("en_CA", "en_GB", "en_US")


@cache
def _supported() -> dict[str, tuple[str, ...]]:
    """Country code -> its subdivision codes (loads every country once per process)."""
    return {
        country: tuple(subdivisions)
        for country, subdivisions in holidays.list_supported_countries(
            include_aliases=False
        ).items()
    }


@cache
def _country_names() -> dict[str, str]:
    names = {}
    for module_name, entry in registry.COUNTRIES.items():
        words = [word.capitalize() for word in module_name.split("_")]
        names[entry[1]] = " ".join(w.lower() if w in _SMALL_WORDS else w for w in words)
    return names


def _subdivision_names(country: str) -> dict[str, str]:
    """Subdivision code -> its name (the first alias the package gives, else the code)."""
    entity = getattr(holidays, country, None)
    names: dict[str, str] = {}
    for alias, code in (getattr(entity, "subdivisions_aliases", None) or {}).items():
        names.setdefault(code, alias)
    return names


def _split(region: str) -> tuple[str, str | None]:
    country, _, subdivision = region.partition("-")
    return country, subdivision or None


def is_known_region(region: str) -> bool:
    if region == NO_HOLIDAYS:
        return True
    country, subdivision = _split(region)
    supported = _supported()
    if country not in supported:
        return False
    return subdivision is None or subdivision in supported[country]


def region_label(region: str) -> str:
    """ "Canada, Ontario"; "Canada (national holidays)"; "No public holidays"."""
    if region == NO_HOLIDAYS or not is_known_region(region):
        return "No public holidays"
    country, subdivision = _split(region)
    country_name = _country_names().get(country, country)
    if subdivision is None:
        return f"{country_name} (national holidays)"
    return f"{country_name}, {_subdivision_names(country).get(subdivision, subdivision)}"


@cache
def region_choices() -> list[tuple[str, object]]:
    """Grouped choices for a select: "none" first, then per country its national holidays and
    each subdivision, countries in alphabetical order."""
    names = _country_names()
    choices: list[tuple[str, object]] = [(NO_HOLIDAYS, "No public holidays")]
    for country in sorted(_supported(), key=lambda code: names.get(code, code)):
        country_name = names.get(country, country)
        subdivision_names = _subdivision_names(country)
        group = [(country, f"{country_name}: national holidays only")]
        group += [
            (f"{country}-{code}", subdivision_names.get(code, code))
            for code in sorted(_supported()[country], key=lambda c: subdivision_names.get(c, c))
        ]
        choices.append((country_name, group))
    return choices


def _language(country: str) -> str | None:
    """Holiday names in Canadian English where the package has them, else the closest English,
    else the country's own language."""
    entity = getattr(holidays, country, None)
    supported = getattr(entity, "supported_languages", ()) or ()
    return next((code for code in _ENGLISH if code in supported), None)


@cache
def _holidays_of_year(region: str, year: int) -> tuple[tuple[date, str], ...]:
    country, subdivision = _split(region)
    found = holidays.country_holidays(
        country, subdiv=subdivision, years=year, language=_language(country)
    )
    return tuple(sorted(found.items()))


def public_holidays(region: str, first_day: date, last_day: date) -> dict[date, str]:
    """The public holidays of `region` from first_day to last_day (inclusive): date -> name.

    An unknown region or "none" has none.
    """
    if region == NO_HOLIDAYS or not is_known_region(region) or first_day > last_day:
        return {}
    result: dict[date, str] = {}
    for year in range(first_day.year, last_day.year + 1):
        for day, name in _holidays_of_year(region, year):
            if first_day <= day <= last_day:
                result[day] = name
    return result
