"""Measure extraction against the FA-KES labels (issue: `frontwatch eval`).

For each article the main event (most fatalities; first on a tie) is compared with the
crowd labels: deaths exact (nb_civilians + nb_noncivilians), governorate, cause of death
mapped to sub-types, the perpetrator (actor1 or assoc_actor_1) and the date within one
day. An article with no event misses every metric. Labels that say "unknown" (cause,
actor) cannot be checked and are left out of that metric's denominator.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from frontwatch.model import Article, Event
from frontwatch.text.dates import find_dateline

CAUSE_TO_SUBTYPES = {
    "shelling": {"Shelling/artillery/missile attack", "Air/drone strike"},
    "explosion": {
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    },
    "chemical and toxic gases": {"Chemical weapon"},
    "shooting": {"Armed clash", "Attack", "Excessive force against protesters"},
    "execution": {"Attack"},
}
# Label actor -> a test on one coded actor (name, inter code).
ACTOR_LABELS = {
    "syrian government or russian troops": re.compile(
        r"Forces of (?:Syria|Russia)|Syria\b.*Military|Russia", re.I
    ),
    "the organization of the islamic state in iraq and the levant - isis": re.compile(
        r"Islamic State", re.I
    ),
    "international coalition forces": re.compile(r"coalition|United States|Inherent Resolve", re.I),
    "self administration forces": re.compile(
        r"SDF|Syrian Democratic|YPG|YPJ|Asayish|Kurdish", re.I
    ),
    "al-nusra front": re.compile(r"Nusr|Hayat Tahrir|Fateh al.?Sham", re.I),
}
_REBEL_EXCLUDE = re.compile(r"Islamic State|Nusr|Hayat Tahrir", re.I)
# Label governorate -> accepted admin1 names, compared after normalising.
GOVERNORATES = {
    "aleppo": {"aleppo", "halab"},
    "damascus": {"damascus", "ruraldamascus", "rifdimashq", "dimashq"},
    "idlib": {"idlib", "idleb"},
    "deir ezzor": {"deirezzor", "deirezzour", "dayrazzawr", "deiralzor"},
    "raqqa": {"raqqa", "raqqah", "arraqqa", "arraqqah"},
    "homs": {"homs", "hims"},
    "hasakeh": {"hasakeh", "hasakah", "alhasakeh", "alhasakah", "hassakeh"},
    "hama": {"hama", "hamah"},
    "daraa": {"daraa", "dara", "deraa"},
    "lattakia": {"lattakia", "latakia", "ladhiqiyah", "allādhiqīyah"},
    "quneitra": {"quneitra", "qunaytirah"},
    "tartous": {"tartous", "tartus"},
}
METRICS = ("deaths", "location", "cause", "actor", "date")
CURRENT_DAYS = 7  # events up to a week before the article are its news


@dataclass
class EvalReport:
    n: int
    scores: dict[str, float]
    rows: list[dict] = field(default_factory=list)
    events_by_article: dict[str, list[Event]] = field(default_factory=dict)


def read_fakes(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def fakes_article(row: dict) -> Article:
    """No publication date is given: the extractor reads the dateline in the text."""
    return Article(
        id=row["unit_id"],
        text=row["article_content"],
        title=row["article_title"],
        source=row["source"],
    )


def main_event(events: list[Event], article_date: date | None = None) -> Event | None:
    """The article's event with the most fatalities, among the events it reports as news.

    Background events (an attack of years ago recalled in the last paragraph, coded with
    its own month-precision date) are passed over when the article has a current one.
    """
    current = [e for e in events if _is_current(e, article_date)]
    pool = current or events
    return max(pool, key=lambda e: e.fatalities) if pool else None


def _is_current(event: Event, article_date: date | None) -> bool:
    if event.event_date is None or article_date is None:
        return True
    age = (article_date - event.event_date).days
    return event.time_precision < 3 and -1 <= age <= CURRENT_DAYS


def score_article(row: dict, event: Event | None) -> dict[str, bool | None]:
    """True / False per metric, None where the label cannot be checked."""
    checks = {
        "deaths": _deaths_ok,
        "location": _location_ok,
        "cause": _cause_ok,
        "actor": _actor_ok,
        "date": _date_ok,
    }
    result: dict[str, bool | None] = {}
    for metric, check in checks.items():
        if _unknown(row, metric):
            result[metric] = None
        else:
            result[metric] = check(row, event) if event is not None else False
    return result


def _unknown(row: dict, metric: str) -> bool:
    return (metric == "cause" and row["cause_of_death"] == "unknown") or (
        metric == "actor"
        and row["actor"] not in ACTOR_LABELS
        and row["actor"] != "armed opposition groups"
    )


def _deaths_ok(row: dict, event: Event) -> bool:
    """The crowd counted the victims a report gives; our fatalities also count suicide
    bombers (spec section 3), so they are taken out again for this comparison."""
    victims = event.fatalities - event.extra.get("bombers_counted", 0)
    return victims == int(row["nb_civilians"] or 0) + int(row["nb_noncivilians"] or 0)


def _location_ok(row: dict, event: Event) -> bool:
    accepted = GOVERNORATES.get(row["location"], {_norm(row["location"])})
    return _norm(event.place.admin1 if event.place else "") in accepted


def _norm(name: str | None) -> str:
    name = re.sub(r"^(?:al|ar|as|ad|ash|at|an|az)[-\s]", "", (name or "").lower().strip())
    name = re.sub(r"\b(?:governorate|province|muhafazat)\b", "", name)
    return re.sub(r"[^a-zāīū]", "", name)


def _cause_ok(row: dict, event: Event) -> bool | None:
    accepted = CAUSE_TO_SUBTYPES.get(row["cause_of_death"])
    return None if accepted is None else event.sub_event_type in accepted


def _actor_ok(row: dict, event: Event) -> bool | None:
    perpetrators = [a for a in (event.actor1, *event.assoc_actor_1) if a is not None]
    label = row["actor"]
    if label == "armed opposition groups":
        return any(a.inter == 2 and not _REBEL_EXCLUDE.search(a.name) for a in perpetrators)
    pattern = ACTOR_LABELS.get(label)
    return None if pattern is None else any(pattern.search(a.name) for a in perpetrators)


def _date_ok(row: dict, event: Event) -> bool:
    labelled = _label_date(row["date"])
    return bool(labelled and event.event_date and abs((event.event_date - labelled).days) <= 1)


def _label_date(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


def evaluate_fakes(path: Path, resources=None, details_path: str | None = None) -> EvalReport:
    from frontwatch import EXTRACTOR_VERSION
    from frontwatch.extract.events import extract_events
    from frontwatch.pipeline import load_resources
    from frontwatch.settings import Settings

    resources = resources or load_resources(Settings())
    rows, events_by_article = [], {}
    for label in read_fakes(path):
        article = fakes_article(label)
        events = extract_events(article, resources, EXTRACTOR_VERSION)
        events_by_article[label["unit_id"]] = events
        rows.append(_detail(label, main_event(events, find_dateline(article.text))))
    if details_path:
        _write_details(rows, Path(details_path))
    return EvalReport(len(rows), summarise(rows), rows, events_by_article)


def _detail(label: dict, event: Event | None) -> dict:
    return {
        "unit_id": label["unit_id"],
        "checks": score_article(label, event),
        "label": {
            k: label[k]
            for k in (
                "date",
                "location",
                "actor",
                "cause_of_death",
                "nb_civilians",
                "nb_noncivilians",
            )
        },
        "got": None
        if event is None
        else {
            "date": str(event.event_date),
            "admin1": event.place.admin1 if event.place else None,
            "location": event.location,
            "type": event.sub_event_type,
            "actor1": event.actor1.name if event.actor1 else None,
            "fatalities": event.fatalities,
        },
    }


def summarise(rows: list[dict]) -> dict[str, float]:
    scores = {}
    for metric in METRICS:
        verdicts = [r["checks"][metric] for r in rows if r["checks"][metric] is not None]
        scores[metric] = round(sum(verdicts) / len(verdicts), 4) if verdicts else 0.0
    return scores


def _write_details(rows: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def format_scores(scores: dict, title: str) -> str:
    lines = [title, "-" * len(title)]
    width = max((len(str(name)) for name in scores), default=0) + 2
    for name, value in scores.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"{name:<{width}} {shown}")
    return "\n".join(lines)


def check_floors(scores: dict[str, float], floors_path: Path) -> list[str]:
    floors = json.loads(floors_path.read_text(encoding="utf-8"))
    return [
        f"{k}: {scores.get(k, 0.0):.4f} < floor {v}"
        for k, v in floors.items()
        if not k.startswith("_") and scores.get(k, 0.0) < v
    ]


def evaluate_dedup(report: EvalReport, gold_path: Path) -> dict:
    from frontwatch.merge_eval import measure_dedup

    groups = json.loads(gold_path.read_text(encoding="utf-8"))
    return measure_dedup(groups, report.events_by_article)
