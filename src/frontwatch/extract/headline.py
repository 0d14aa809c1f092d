"""A headline sums up the report below it: not an event of its own when the body tells it.

Plain-text and scraped articles often begin with their title ("Rocket attacks kill at
least 30 in Aleppo"), and the body then tells the same incident with its sources, its
weapons and its own (often different) toll. Coded alone, the headline would be a second
event of the same incident, with the headline's rounded toll. So a group made only of
headline mentions joins the first body group that can be the same incident (same
province, dates at most a day apart, a compatible type); when that body group gives a
toll of its own, the headline adds evidence, not figures (the body is the detailed
report; its figures and sources decide).
"""

from __future__ import annotations

from dataclasses import replace

from frontwatch.extract.casualties import KILLED
from frontwatch.extract.grouping import Group
from frontwatch.model import Article

HEADLINE_WITHIN = 200  # where the title may start (after a dateline or a kicker)
TRAILING_CHARS = 40  # "... Monitor AFP": a wire credit after the title, same sentence
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def headline_end(article: Article) -> int:
    """The offset where the title ends when the text begins with it, else 0."""
    title = (article.title or "").strip()
    if len(title) < 15:
        return 0
    at = article.text.find(title, 0, HEADLINE_WITHIN + len(title))
    return at + len(title) if at >= 0 else 0


def absorb_headline(groups: list[Group], title_end: int) -> list[Group]:
    """The groups, with headline-only groups folded into the body group they sum up."""
    if not title_end:
        return groups
    heads = [g for g in groups if all(_in_title(m, title_end) for m in g.mentions)]
    kept = [g for g in groups if g not in heads]
    for head in heads:
        body = next((g for g in kept if _tells_same(head, g)), None)
        if body is None:
            kept.append(head)
            continue
        body.mentions[:0] = [_as_evidence(m, body) for m in head.mentions]
    return sorted(kept, key=lambda g: g.mentions[0].clause.start)


def _has_toll(group: Group) -> bool:
    return any(f.kind == KILLED for m in group.mentions for f in m.figures)


def _in_title(mention, title_end: int) -> bool:
    return mention.clause.end <= title_end + TRAILING_CHARS


def _tells_same(head: Group, body: Group) -> bool:
    if not _same_province(head.place, body.place):
        return False
    day, other = head.day or head.default_day, body.day or body.default_day
    if day is not None and other is not None and abs((day - other).days) > 1:
        return False
    return _compatible(head.families, body.families)


def _same_province(a, b) -> bool:
    """Group places are place mentions or (unplaced groups) a province ``Place``."""
    if a is None or b is None:
        return True
    a, b = getattr(a, "place", a), getattr(b, "place", b)
    return (a.country, a.admin1) == (b.country, b.admin1)


def _compatible(head: set[str], body: set[str]) -> bool:
    if not head or not body:
        return bool(body & _VIOLENT) or not body
    return bool(head & body) or (head <= _VIOLENT and bool(body & _VIOLENT))


def _as_evidence(mention, body: Group):
    """The headline's words stay as evidence; its figures yield to the body's own toll."""
    return replace(mention, figures=()) if _has_toll(body) else mention


def drop_summed_tolls(mentions: list, title_end: int) -> list:
    """'Six killed in attacks in Damascus, Daraa and Hama' over a body telling a toll in
    Hama: the title adds up the report's events, so its toll is no event's own (it would
    give the Damascus event the Hama dead)."""
    body_tolls = {
        province
        for m in mentions
        if not _in_title(m, title_end) and any(f.kind == KILLED for f in m.figures)
        for province in _provinces(m.places)
    }
    return [
        replace(m, figures=())
        if title_end and _in_title(m, title_end) and _sums_up(m, body_tolls)
        else m
        for m in mentions
    ]


def _sums_up(mention, body_tolls: set) -> bool:
    named = _provinces(mention.places)
    return len(named) > 1 and bool(named & body_tolls)


def _provinces(places) -> set:
    return {(p.place.country, p.place.admin1) for p in places if p.place.admin1}
