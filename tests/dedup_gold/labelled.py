"""Hand-built mentions of fakes-dev articles, from their crowd labels.

Used by the dedup measurement and the store tests before the extractor exists: one
``Event`` per label row (date, governorate, cause, actor, death counts), with an
evidence span on the words that carry the figure. Articles in a gold group get the
group's town (what a reader of the article finds); the others stay at province level.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path

from frontwatch.model import Actor, Article, Claim, Event, Evidence, Place, Span
from frontwatch.taxonomy import disorder_type, event_type_of

GOLD_PATH = Path(__file__).with_name("groups.json")
FAKES_CSV = Path("data") / "fakes-dev" / "fakes_dev.csv"

ACTORS = {
    "syrian government or russian troops": Actor(
        "Military Forces of Syria (2000-2024)", 1, "Syria"
    ),
    "the organization of the islamic state in iraq and the levant - isis": Actor(
        "Islamic State (Syria)", 2, "Syria"
    ),
    "international coalition forces": Actor("Operation Inherent Resolve", 8, None),
    "armed opposition groups": Actor("Opposition Rebels (Syria)", 2, "Syria"),
    "self administration forces": Actor("SDF: Syrian Democratic Forces", 2, "Syria"),
    "al-nusra front": Actor("Jabhat al-Nusra", 2, "Syria"),
    "unknown": Actor("Unidentified Armed Group (Syria)", 2, "Syria"),
}
CIVILIANS = Actor("Civilians (Syria)", 7, "Syria")


def find_shared(start: Path) -> Path | None:
    """The read-only shared/ folder beside the project (../shared) or at /work/shared."""
    for base in (*start.resolve().parents, Path("/work")):
        candidate = base / "shared"
        if (candidate / FAKES_CSV).exists():
            return candidate
    return None


def load_rows(shared: Path) -> list[dict]:
    with (shared / FAKES_CSV).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_gold() -> list[dict]:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))["groups"]


def label_date(text: str) -> date:
    return datetime.strptime(text, "%m/%d/%y").date()


def article_of(row: dict) -> Article:
    return Article(
        id=row["unit_id"],
        text=row["article_content"],
        title=row["article_title"],
        published=label_date(row["date"]),
        source=row["source"],
    )


def sub_type_of(row: dict) -> str:
    cause, soldiers = row["cause_of_death"], int(row["nb_noncivilians"])
    civilians = int(row["nb_civilians"])
    by_cause = {
        "chemical and toxic gases": "Chemical weapon",
        "explosion": "Remote explosive/landmine/IED",
        "execution": "Attack",
    }
    if cause in by_cause:
        return by_cause[cause]
    if cause == "shelling":
        coalition = row["actor"] == "international coalition forces"
        return "Air/drone strike" if coalition else "Shelling/artillery/missile attack"
    return "Armed clash" if soldiers and not civilians else "Attack"


def place_of(row: dict, group: dict | None) -> tuple[Place, int]:
    admin1 = group["admin1"] if group else row["location"].title()
    town = group["place"] if group else None
    if town:
        return Place(town, "Syria", 760, admin1, feature="populated"), 1
    return Place(admin1, "Syria", 760, admin1, feature="admin1"), 3


def evidence_of(text: str, figure: int) -> Span:
    at = text.find(str(figure)) if figure else -1
    if at < 0:
        return Span.of(text, 0, min(len(text), 80))
    return Span.of(text, at, at + len(str(figure)))


def mention_of(
    row: dict, group: dict | None = None, index: int = 0, *, read_dates: bool = False
) -> Event:
    """One hand-built mention for one label row.

    ``read_dates`` takes the incident date a reader finds in a grouped article instead of
    the crowd label (the labels put some reports of one attack days apart).
    """
    text = row["article_content"]
    sub = sub_type_of(row)
    fatalities = int(row["nb_civilians"]) + int(row["nb_noncivilians"])
    span = evidence_of(text, fatalities)
    place, precision = place_of(row, group)
    claims = (Claim("fatalities", fatalities, row["source"], span),) if fatalities else ()
    return Event(
        article_id=row["unit_id"],
        event_type=event_type_of(sub),
        sub_event_type=sub,
        disorder_type=disorder_type(sub),
        event_date=date.fromisoformat(group["date"])
        if read_dates and group
        else label_date(row["date"]),
        actor1=ACTORS[row["actor"]],
        actor2=CIVILIANS if int(row["nb_civilians"]) else None,
        civilian_targeting="Civilian targeting" if int(row["nb_civilians"]) else "",
        place=place,
        location=place.name,
        geo_precision=precision,
        fatalities=fatalities,
        claims=claims,
        # the first evidence anchors Event.id: distinct per label row of one article
        evidence=(Evidence("location", Span.of(text, index, index)), Evidence("fatalities", span)),
        notes=row["article_title"],
        source=row["source"],
        confidence=0.9,
        extractor_version="labels/1",
    )


def labelled_corpus(
    shared: Path, *, read_dates: bool = False
) -> tuple[dict[str, Article], dict[str, list[Event]]]:
    """Articles and their hand-built mentions, keyed by unit_id."""
    group_of: dict[str, dict] = {}
    for group in load_gold():  # a two-incident article takes its first group
        for uid in group["unit_ids"]:
            group_of.setdefault(uid, group)
    articles: dict[str, Article] = {}
    mentions: dict[str, list[Event]] = {}
    for row in load_rows(shared):
        uid = row["unit_id"]
        articles.setdefault(uid, article_of(row))
        ms = mentions.setdefault(uid, [])
        ms.append(mention_of(row, group_of.get(uid), len(ms), read_dates=read_dates))
    return articles, mentions
