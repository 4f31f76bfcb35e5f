"""The outlet registry: who a news outlet is, and whether a state controls it.

>>> from presslens.outlets import lookup
>>> lookup("TASS").state_affiliated
True
>>> lookup("https://www.rt.com/news/123").name
'RT'

The data (``presslens/data/outlets.json``) is built by
``scripts/build_outlet_registry.py`` from the ASD State Media Matrix (MIT,
see ``presslens/data/NOTICE-state-media.md``) and a curated list of
well-known independent outlets. It is loaded on first use.

What ``state_affiliated`` means
-------------------------------
The matrix sorts state-linked media by three controls (funding, governance,
editorial line) into the typologies in :data:`TYPOLOGIES`.
``state_affiliated`` is ``True`` when a state controls the editorial line
(SC, CaPu, CaPr), ``False`` for media that a state funds or manages but that
are editorially independent (ISFM, ISF, ISM, IP; ``editorial_independence``
is ``True`` and ``state_funded`` says whether the state pays), ``False`` for
the curated independent outlets, and ``None`` when the outlet is unknown.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from .errors import ModelError


@dataclass(frozen=True)
class Typology:
    """One State Media Monitor typology and what it implies."""

    code: str
    label: str
    state_affiliated: bool
    editorial_independence: bool
    state_funded: bool | None


#: State Media Monitor typologies (https://statemediamonitor.com/typology/), by code.
TYPOLOGIES: dict[str, Typology] = {
    t.code: t
    for t in (
        Typology("SC", "state-controlled media", True, False, True),
        Typology("CaPu", "captured public/state-managed media", True, False, False),
        Typology("CaPr", "captured private media", True, False, None),
        Typology("ISFM", "independent state-funded and state-managed media", False, True, True),
        Typology("ISF", "independent state-funded media", False, True, True),
        Typology("ISM", "independent state-managed media", False, True, False),
        Typology("IP", "independent public media", False, True, False),
    )
}

#: Where the registry's facts come from, as recorded in each profile's ``registry`` field.
MATRIX = "ASD State Media Matrix"
CURATED = "presslens curated list"

_DATA_FILE = "outlets.json"
_WWW = re.compile(r"^www\d*\.")
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class OutletProfile:
    """What is known about one outlet.

    ``typology`` is a State Media Monitor code (see :data:`TYPOLOGIES`) or
    ``None``; ``ownership`` describes curated outlets; ``uncertain`` is true
    when the matrix marks its typology as unsure; ``reason`` explains a
    profile made for an outlet the registry does not know.
    """

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    state_affiliated: bool | None = None
    typology: str | None = None
    parent: str | None = None
    typology_label: str | None = None
    editorial_independence: bool | None = None
    state_funded: bool | None = None
    ownership: str | None = None
    uncertain: bool = False
    registry: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        data["domains"] = list(self.domains)
        return data

    def describe(self) -> str:
        """'TASS is state-controlled media (Russia)'."""
        if self.state_affiliated is None:
            return f"{self.name} is not in the outlet registry"
        what = self.typology_label or (self.ownership and f"an independent outlet, {self.ownership}") or "independent"
        if self.typology_label and self.state_funded and self.editorial_independence:
            what = f"{self.typology_label}: state-funded but editorially independent"
        country = f" ({self.country})" if self.country else ""
        return f"{self.name} is {what}{country}"


def unknown_profile(name: str, reason: str) -> OutletProfile:
    """A profile for an outlet the registry does not know: nothing is claimed about it."""
    return OutletProfile(name=name, reason=reason)


class OutletRegistry:
    """Outlets by name, alias and domain.

    ``names`` maps every unambiguous name and alias to an outlet name; names
    shared by several outlets are in ``ambiguous`` instead. ``text_names``
    are the names worth looking for in running text (case-sensitive).
    """

    def __init__(
        self,
        profiles: list[OutletProfile],
        *,
        names: dict[str, str],
        ambiguous: dict[str, list[str]],
        text_names: list[str],
    ) -> None:
        self.profiles = profiles
        by_name = {p.name: p for p in profiles}
        self._names = {name: by_name[target] for name, target in names.items()}
        self._folded = {name.casefold(): by_name[target] for name, target in names.items()}
        self._ambiguous = {name.casefold(): [by_name[t] for t in targets] for name, targets in ambiguous.items()}
        self._by_domain: dict[str, OutletProfile] = {}
        for profile in profiles:
            for domain in profile.domains:
                self._by_domain.setdefault(domain, profile)
        self.text_names: dict[str, OutletProfile] = {name: self._names[name] for name in text_names}

    def lookup(self, query: str) -> OutletProfile | None:
        """The outlet a name, alias, domain or URL stands for; ``None`` if unknown or ambiguous."""
        query = query.strip()
        found = self._names.get(query) or self._folded.get(query.casefold())
        if found is not None or not query:
            return found
        domain = domain_of(query)
        return self.lookup_domain(domain) if domain else None

    def lookup_all(self, name: str) -> list[OutletProfile]:
        """Every outlet that goes by ``name`` (several countries have an "NTV")."""
        key = name.strip().casefold()
        if key in self._ambiguous:
            return list(self._ambiguous[key])
        return [self._folded[key]] if key in self._folded else []

    def lookup_domain(self, domain: str) -> OutletProfile | None:
        """Exact host first, then its parent domains: 'edition.cnn.com' -> cnn.com."""
        labels = domain.lower().split(".")
        for i in range(len(labels) - 1):
            found = self._by_domain.get(".".join(labels[i:]))
            if found is not None:
                return found
        return None


def domain_of(value: str) -> str | None:
    """The host of a URL or bare domain without 'www.', or ``None`` if ``value`` is neither."""
    value = value.strip()
    if " " in value:
        return None
    host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    host = _WWW.sub("", host.lower().rstrip("."))
    return host if _DOMAIN.match(host) else None


@functools.cache
def registry() -> OutletRegistry:
    """The shipped registry, loaded once."""
    try:
        raw = resources.files("presslens").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(
            f"the outlet registry presslens/data/{_DATA_FILE} is missing; rebuild it with "
            "`python scripts/build_outlet_registry.py`"
        ) from exc
    data = json.loads(raw)
    profiles = [
        OutletProfile(**{**item, "aliases": tuple(item["aliases"]), "domains": tuple(item["domains"])})
        for item in data["outlets"]
    ]
    return OutletRegistry(
        profiles, names=data["names"], ambiguous=data["ambiguous"], text_names=data["text_names"]
    )


def lookup(name_or_domain_or_url: str) -> OutletProfile | None:
    """The outlet a name ("RT"), alias ("Russia Today"), domain ("rt.com") or URL stands for.

    Returns ``None`` when the registry does not know it, or when a bare name
    is shared by several outlets (use :meth:`OutletRegistry.lookup_all`).
    """
    return registry().lookup(name_or_domain_or_url)
