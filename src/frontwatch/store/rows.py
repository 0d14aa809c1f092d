"""Conversions between the data model and table rows (plain dicts), both directions."""

from __future__ import annotations

import json
from datetime import date, datetime

from frontwatch.export import actor_fields, region_of
from frontwatch.merge import CanonicalEvent
from frontwatch.model import Actor, Article, Claim, Event, Evidence, Place, Span


def as_date(value: date | str | None) -> date | None:
    """SQLite hands dates back as ISO text, PostgreSQL as ``date``."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def article_row(article: Article, stored_at: str) -> dict:
    return {
        "id": article.id,
        "url": article.url,
        "publisher": article.source,
        "published": article.published,
        "title": article.title,
        "text": article.text,
        "content_hash": article.content_hash,
        "stored_at": stored_at,
    }


def _actor_json(actors: tuple[Actor, ...]) -> str:
    return json.dumps([[a.name, a.inter, a.country] for a in actors], ensure_ascii=False)


def _actors_from_json(text: str | None) -> tuple[Actor, ...]:
    return tuple(Actor(name, inter, country) for name, inter, country in json.loads(text or "[]"))


def _actor_columns(actor: Actor | None, prefix: str, inter: str) -> dict:
    return {
        prefix: actor.name if actor else None,
        inter: actor.inter if actor else None,
        f"{prefix}_country": actor.country if actor else None,
    }


def _place_columns(place: Place | None) -> dict:
    p = place or Place("", "")
    return {
        "place_name": place.name if place else None,
        "country": place.country if place else None,
        "iso": p.iso,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "place_feature": place.feature if place else None,
        "place_population": p.population if place else None,
        "geonameid": p.geonameid,
    }


def mention_row(event: Event, ord_: int) -> dict:
    return {
        "id": event.id,
        "article_id": event.article_id,
        "ord": ord_,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "disorder_type": event.disorder_type,
        "event_date": event.event_date,
        "time_precision": event.time_precision,
        **_actor_columns(event.actor1, "actor1", "inter1"),
        "assoc_actor_1": _actor_json(event.assoc_actor_1),
        **_actor_columns(event.actor2, "actor2", "inter2"),
        "assoc_actor_2": _actor_json(event.assoc_actor_2),
        "civilian_targeting": event.civilian_targeting,
        **_place_columns(event.place),
        "location": event.location,
        "geo_precision": event.geo_precision,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "notes": event.notes,
        "source": event.source,
        "confidence": event.confidence,
        "extractor_version": event.extractor_version,
        "extra": json.dumps(event.extra, ensure_ascii=False, sort_keys=True, default=str),
    }


def _span_columns(span: Span) -> dict:
    return {"span_start": span.start, "span_end": span.end, "span_text": span.text}


def evidence_rows(event: Event) -> list[dict]:
    return [
        {"mention_id": event.id, "ord": i, "field": ev.field, **_span_columns(ev.span)}
        for i, ev in enumerate(event.evidence)
    ]


def claim_rows(event: Event) -> list[dict]:
    return [
        {
            "mention_id": event.id,
            "ord": i,
            "field": c.field,
            "value": str(c.value),
            "value_kind": "int" if isinstance(c.value, int) else "str",
            "claimant": c.claimant,
            "party": None if c.party is None else int(c.party),
            **_span_columns(c.span),
        }
        for i, c in enumerate(event.claims)
    ]


def _span(row: dict) -> Span:
    return Span(row["span_start"], row["span_end"], row["span_text"])


def claim_of(row: dict) -> Claim:
    value = int(row["value"]) if row["value_kind"] == "int" else row["value"]
    party = None if row["party"] is None else bool(row["party"])
    return Claim(row["field"], value, row["claimant"], _span(row), party)


def _actor(row: dict, prefix: str, inter: str) -> Actor | None:
    if row[prefix] is None:
        return None
    return Actor(row[prefix], row[inter], row[f"{prefix}_country"])


def _place(row: dict) -> Place | None:
    if row["place_name"] is None:
        return None
    return Place(
        name=row["place_name"],
        country=row["country"],
        iso=row["iso"],
        admin1=row["admin1"],
        admin2=row["admin2"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        feature=row["place_feature"],
        population=row["place_population"] or 0,
        geonameid=row["geonameid"],
    )


def event_of(row: dict, evidence: list[dict], claims: list[dict]) -> Event:
    """Rebuild the stored mention as the ``Event`` the extractor produced."""
    return Event(
        article_id=row["article_id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        disorder_type=row["disorder_type"],
        event_date=as_date(row["event_date"]),
        time_precision=row["time_precision"],
        actor1=_actor(row, "actor1", "inter1"),
        assoc_actor_1=_actors_from_json(row["assoc_actor_1"]),
        actor2=_actor(row, "actor2", "inter2"),
        assoc_actor_2=_actors_from_json(row["assoc_actor_2"]),
        civilian_targeting=row["civilian_targeting"] or "",
        place=_place(row),
        location=row["location"] or "",
        geo_precision=row["geo_precision"],
        fatalities=row["fatalities"],
        injuries=row["injuries"],
        claims=tuple(claim_of(c) for c in claims),
        evidence=tuple(Evidence(e["field"], _span(e)) for e in evidence),
        notes=row["notes"] or "",
        source=row["source"] or "",
        confidence=row["confidence"],
        extractor_version=row["extractor_version"] or "",
        extra=json.loads(row["extra"] or "{}"),
    )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def canonical_row(canonical: CanonicalEvent, updated_at: str) -> dict:
    """The ``events`` row of a canonical event: its merged event in ACLED columns (actors
    by name), then where it was reported and how its mentions were merged."""
    event = canonical.event
    return {
        "id": canonical.id,
        **_canonical_type_columns(event),
        **actor_fields(event),
        **_canonical_place_columns(event),
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "notes": event.notes,
        "confidence": event.confidence,
        **_merge_columns(canonical),
        "updated_at": updated_at,
    }


def _canonical_type_columns(event: Event) -> dict:
    return {
        "event_date": event.event_date,
        "year": event.event_date.year if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
    }


def _canonical_place_columns(event: Event) -> dict:
    place = event.place or Place("", "")  # no place: iso, admins and coordinates NULL
    return {
        "iso": place.iso,
        "country": event.place.country if event.place else None,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "location": event.location or (event.place.name if event.place else ""),
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": event.geo_precision,
    }


def _merge_columns(canonical: CanonicalEvent) -> dict:
    """Its mentions, sources, articles and claimants, as JSON lists, and the merge record."""
    claimants = dict.fromkeys(c.claimant for _, c in canonical.claims if c.claimant)
    return {
        "mention_count": len(canonical.mention_ids),
        "sources": _dumps(list(canonical.sources)),
        "article_ids": _dumps(list(canonical.article_ids)),
        "reported_by": _dumps(list(claimants)),
        "conflicts": _dumps(canonical.conflicts),
        "explanation": _dumps(canonical.explanation()),
    }


def link_rows(canonical: CanonicalEvent) -> list[dict]:
    by_mention = {link.mention_id: link for link in canonical.links}
    rows = []
    for i, mention_id in enumerate(canonical.mention_ids):
        link = by_mention.get(mention_id)
        rows.append(
            {
                "event_id": canonical.id,
                "mention_id": mention_id,
                "ord": i,
                "matched_id": link.matched_id if link else None,
                "rule": link.decision.rule if link else "founding mention",
                "score": link.decision.score if link else None,
            }
        )
    return rows


def source_rows(canonical: CanonicalEvent, source_of: dict[str, str]) -> list[dict]:
    return [
        {"event_id": canonical.id, "article_id": a, "source": source_of.get(a)}
        for a in canonical.article_ids
    ]


def _timestamp(updated_at: str | None) -> int | None:
    return int(datetime.fromisoformat(updated_at).timestamp()) if updated_at else None


def event_record(row: dict) -> dict:
    """A canonical event row as an ACLED-layout record (+ injuries, sources, article ids)."""
    event_date = as_date(row["event_date"])
    sources = json.loads(row["sources"] or "[]")
    return {
        "event_id_cnty": row["id"],
        "event_date": event_date.isoformat() if event_date else None,
        **{k: row[k] for k in ("year", "time_precision", "disorder_type", "event_type")},
        **{k: row[k] for k in ("sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2")},
        **{k: row[k] for k in ("assoc_actor_2", "inter2", "interaction", "civilian_targeting")},
        "iso": row["iso"],
        "region": region_of(row["country"]),
        **{k: row[k] for k in ("country", "admin1", "admin2")},
        "admin3": "",
        **{k: row[k] for k in ("location", "latitude", "longitude", "geo_precision")},
        "source": "; ".join(sources),
        "source_scale": "",
        "notes": row["notes"] or "",
        "fatalities": row["fatalities"],
        "tags": "",
        "timestamp": _timestamp(row["updated_at"]),
        "injuries": row["injuries"],
        "reported_by": json.loads(row["reported_by"] or "[]"),
        "sources": sources,
        "article_ids": json.loads(row["article_ids"] or "[]"),
        "mention_count": row["mention_count"],
        "confidence": row["confidence"],
    }


def mention_view(row: dict, evidence: list[dict], claims: list[dict]) -> dict:
    """A mention as the event view lists it: the article it came from, how it was merged
    into the event, what it reports and the text behind each field and claim.

    ``row`` is a ``mentions`` row joined with its ``event_mentions`` link and article.
    """
    event = event_of(row, evidence, claims)
    return {
        **_mention_origin(row),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "location": event.location,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "evidence": [_evidence_view(e) for e in event.evidence],
        "claims": [_claim_view(c) for c in event.claims],
    }


def _mention_origin(row: dict) -> dict:
    """The article a mention came from, and the merge rule that joined it to its event."""
    published = as_date(row["published"])
    return {
        "mention_id": row["id"],
        "article_id": row["article_id"],
        "url": row["url"],
        "title": row["title"],
        "publisher": row["publisher"],
        "published": published.isoformat() if published else None,
        "merge_rule": row["rule"],
        "merge_score": row["score"],
        "matched_id": row["matched_id"],
    }


def _span_view(span: Span) -> dict:
    return {"start": span.start, "end": span.end, "text": span.text}


def _evidence_view(evidence: Evidence) -> dict:
    return {"field": evidence.field, **_span_view(evidence.span)}


def _claim_view(claim: Claim) -> dict:
    return {
        "field": claim.field,
        "value": claim.value,
        "claimant": claim.claimant,
        "party": claim.party,
        **_span_view(claim.span),
    }
