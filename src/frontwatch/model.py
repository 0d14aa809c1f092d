"""The one data model: frozen dataclasses that every stage reads and returns.

Spans point into ``Article.text`` by character offsets (like spaCy's Span), so
every field of an event can be traced back to the words that support it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date


def content_hash(*parts: object, length: int = 16) -> str:
    """A stable id derived from content: the same input always gives the same id."""
    payload = json.dumps([str(p) for p in parts], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``text[start:end]`` of an article."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Article:
    """One news report: its main text plus what we know about where it came from."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None  # publisher / outlet name

    @staticmethod
    def id_for(text: str, url: str | None = None) -> str:
        """Content-derived id: the same article read twice is one article."""
        return content_hash(" ".join(text.split()), length=16)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text, length=32)


@dataclass(frozen=True, slots=True)
class Actor:
    """A normalised actor: canonical name, ACLED inter code (1-8), country."""

    name: str
    inter: int
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    name: str
    country: str
    iso: int | None = None  # ISO 3166-1 numeric, as in the ACLED export
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    feature: str = "populated"  # populated | admin1 | admin2 | country | area
    population: int = 0
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """Who said what: one reported figure (or statement) and its claimant."""

    field: str  # fatalities | injuries | event
    value: int | str
    claimant: str | None
    span: Span
    party: bool | None = None  # is the claimant a party to the conflict?


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words behind one field of an event."""

    field: str
    span: Span


@dataclass(frozen=True)
class Event:
    """One event mention found in one article (spec section 1 and 8)."""

    article_id: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    event_date: date | None = None
    time_precision: int = 1
    actor1: Actor | None = None
    assoc_actor_1: tuple[Actor, ...] = ()
    actor2: Actor | None = None
    assoc_actor_2: tuple[Actor, ...] = ()
    civilian_targeting: str = ""
    place: Place | None = None
    location: str = ""  # the place as coded (raw phrase kept for precision 2)
    geo_precision: int | None = None
    fatalities: int = 0
    injuries: int = 0
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    notes: str = ""
    source: str = ""
    confidence: float = 0.5
    extractor_version: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def inter1(self) -> int | None:
        return self.actor1.inter if self.actor1 else None

    @property
    def inter2(self) -> int | None:
        return self.actor2.inter if self.actor2 else None

    @property
    def interaction(self) -> int | None:
        """The two inter codes joined lowest first; one-sided events are X0."""
        codes = sorted(c for c in (self.inter1, self.inter2) if c)
        if not codes:
            return None
        return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)

    @property
    def reported_by(self) -> tuple[str, ...]:
        names = (c.claimant for c in self.claims if c.claimant)
        return tuple(dict.fromkeys(names))

    @property
    def id(self) -> str:
        """Content-derived: re-running the same extractor on the same article gives the same id."""
        anchor = self.evidence[0].span.start if self.evidence else -1
        return content_hash(
            self.article_id,
            self.sub_event_type,
            self.event_date,
            self.place.name if self.place else self.location,
            self.actor1.name if self.actor1 else "",
            self.actor2.name if self.actor2 else "",
            anchor,
        )
