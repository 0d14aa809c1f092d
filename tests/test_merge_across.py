"""Deduplication across articles: the pairwise rules, clustering, the canonical record, P/R."""

from __future__ import annotations

import csv
import json
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from dedup_gold.labelled import FAKES_CSV, GOLD_PATH, labelled_corpus, load_gold
from frontwatch.merge import canonical_event, cluster_mentions, lowest_reported, merge_across
from frontwatch.merge_eval import dedup_pairs, main_mention, measure_dedup
from frontwatch.merge_rules import actor_score, fatality_score, same_incident
from frontwatch.model import Actor, Claim, Event, Evidence, Place, Span

DAY = date(2016, 7, 27)
ARMY = Actor("Military Forces of Syria (2000-2024)", 1, "Syria")
IS = Actor("Islamic State (Syria)", 2, "Syria")
SDF = Actor("SDF: Syrian Democratic Forces", 2, "Syria")
GUNMEN = Actor("Unidentified Armed Group (Syria)", 2, "Syria")
CIVILIANS = Actor("Civilians (Syria)", 7, "Syria")
POLICE = Actor("Police Forces of Syria (2000-2024)", 1, "Syria")
QAMISHLI = Place("Qamishli", "Syria", 760, "Hasakeh", "Qamishli", 37.05, 41.22)
AMUDA = Place("Amuda", "Syria", 760, "Hasakeh", "Qamishli", 37.10, 40.93)  # ~26 km west
HASAKEH_PROVINCE = Place("Hasakeh", "Syria", 760, "Hasakeh", feature="admin1")
ALEPPO = Place("Aleppo", "Syria", 760, "Aleppo", "Jabal Saman", 36.20, 37.16)
ALEPPO_CITY = Place("Aleppo", "Syria", 760, "Aleppo", None, 36.20, 37.16, population=2_098_210)
DAMASCUS_PROVINCE = Place("Damascus", "Syria", 760, "Damascus", None, 33.51, 36.29, "admin1")
ZAMALKA = Place("Zamalka", "Syria", 760, "Rural Damascus", None, 33.52, 36.36)  # ~6 km east
DAMASCUS_CITY = Place(
    "Damascus", "Syria", 760, "Damascus", None, 33.51, 36.29, population=1_569_394
)
DUMA = Place("Duma", "Syria", 760, "Rural Damascus", None, 33.57, 36.40)  # ~12 km north-east
HOMS_CITY = Place("Homs", "Syria", 760, "Homs", None, 34.73, 36.71, population=775_404)

TYPES = {
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide": ("Explosions/Remote violence", "Suicide bomb"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "attack": ("Violence against civilians", "Attack"),
    "protest": ("Protests", "Peaceful protest"),
    "arrests": ("Strategic developments", "Arrests"),
    "clash": ("Battles", "Armed clash"),
    "other": ("Strategic developments", "Other"),
    "chemical": ("Explosions/Remote violence", "Chemical weapon"),
}


def mention(article="a1", kind="suicide", day=DAY, place=QAMISHLI, precision=1, **kw) -> Event:
    event_type, sub = TYPES[kind]
    text = kw.pop("text", "A truck bomb killed 44 people in Qamishli on Wednesday.")
    fatalities = kw.pop("fatalities", 44)
    claims = kw.pop("claims", (Claim("fatalities", fatalities, "monitor", Span.of(text, 20, 22)),))
    return Event(
        article_id=article,
        event_type=event_type,
        sub_event_type=sub,
        disorder_type="Political violence",
        event_date=day,
        place=place,
        location=place.name if place else "",
        geo_precision=precision,
        actor1=kw.pop("actor1", IS),
        actor2=kw.pop("actor2", CIVILIANS),
        fatalities=fatalities,
        claims=claims,
        evidence=_evidence(text, kw.pop("dated", True)),
        source=kw.pop("source", f"outlet-{article}"),
        **kw,
    )


def _evidence(text: str, dated: bool) -> tuple:
    """The sentence, and the words that date it ('Wednesday') unless the report is undated."""
    day = text.find("Wednesday")
    stated = (Evidence("event_date", Span.of(text, day, day + 9)),) if dated and day >= 0 else ()
    return (Evidence("event", Span.of(text, 0, 12)), *stated)


LATER = DAY + timedelta(days=8)
CASES = [
    # (name, b's changes relative to a = mention("a1"), merge?, rule)
    ("same report from another outlet", {}, True, "score"),
    ("next day, same town", {"day": DAY + timedelta(days=1)}, True, "score"),
    ("next day, other toll", {"day": DAY + timedelta(days=1), "fatalities": 30}, False, "score"),
    ("two days apart", {"day": DAY + timedelta(days=2)}, False, "date_apart"),
    # a report with no date at all: one town, same sub-type, distinctive toll within a fifth
    ("unknown date, same town, kind and toll", {"day": None}, True, "undated"),
    ("unknown date, other toll", {"day": None, "fatalities": 30}, False, "undated"),
    ("unknown date, small toll", {"day": None, "fatalities": 4}, False, "undated"),
    ("unknown date, other sub-type", {"day": None, "kind": "ied"}, False, "undated"),
    ("unknown date, other town", {"day": None, "place": AMUDA}, False, "undated"),
    ("unknown date, a battle", {"day": None, "kind": "clash"}, False, "undated"),
    ("unknown date, other province", {"day": None, "place": ALEPPO}, False, "place_apart"),
    # a report that does not date the incident: its date is the report's, days later
    ("undated report 8 days later", {"day": LATER, "dated": False}, True, "follow_up"),
    ("dated report 8 days later", {"day": LATER}, False, "date_apart"),
    (
        "undated report 11 days later",
        {"day": DAY + timedelta(days=11), "dated": False},
        False,
        "date_apart",
    ),
    (
        "undated report, other town",
        {"day": LATER, "dated": False, "place": AMUDA},
        False,
        "follow_up",
    ),
    (
        "undated report, small toll",
        {"day": LATER, "dated": False, "fatalities": 4},
        False,
        "follow_up",
    ),
    (
        "undated report, other sub-type",
        {"day": LATER, "dated": False, "kind": "ied"},
        False,
        "follow_up",
    ),
    ("same article", {"article": "a1"}, False, "same_article"),
    ("town 26 km away", {"place": AMUDA, "fatalities": 12}, False, "coarse_place"),
    ("town 26 km away, same toll and actor", {"place": AMUDA}, True, "coarse_place"),
    ("other province", {"place": ALEPPO}, False, "place_apart"),
    ("no place", {"place": None}, False, "place_apart"),
    ("IED vs suicide bomb", {"kind": "ied"}, True, "score"),
    ("attack on civilians vs bombing", {"kind": "attack"}, True, "score"),
    ("clashes vs bombing, same place and day", {"kind": "clash", "fatalities": 40}, True, "score"),
    ("unknown type is compatible", {"kind": "other"}, True, "score"),
    ("protest vs bombing", {"kind": "protest"}, False, "type_apart"),
    ("arrests vs bombing", {"kind": "arrests"}, False, "type_apart"),
    ("generic perpetrator", {"actor1": GUNMEN}, True, "score"),
    (
        "province only, shared actor",
        {"place": HASAKEH_PROVINCE, "precision": 3},
        True,
        "coarse_place",
    ),
    (
        "province only, generic actor, other toll",
        {"place": HASAKEH_PROVINCE, "precision": 3, "actor1": GUNMEN, "fatalities": 20},
        False,
        "coarse_place",
    ),
    (
        "province only, next day",
        {"place": HASAKEH_PROVINCE, "precision": 3, "day": DAY + timedelta(days=1)},
        False,
        "coarse_place",
    ),
    (
        "named actors conflict, other type, other toll",
        {"actor1": ARMY, "actor2": SDF, "kind": "shelling", "fatalities": 9},
        False,
        "score",
    ),
]

# pairs in a big city: the name alone does not pin an incident down
CITY_CASES = [
    ("all evidence agrees", {}, True, "coarse_place"),
    ("no actor, other toll", {"actor1": GUNMEN, "fatalities": 12}, False, "coarse_place"),
    ("next day", {"day": DAY + timedelta(days=1)}, False, "coarse_place"),
]


@pytest.mark.parametrize(("name", "changes", "merge", "rule"), CASES, ids=[c[0] for c in CASES])
def test_same_incident(name, changes, merge, rule):
    a = mention("a1")
    b = mention(**{"article": "a2", **changes})
    decision = same_incident(a, b)
    assert (decision.merge, decision.rule) == (merge, rule), decision.explain()
    assert same_incident(b, a).merge == merge  # symmetric
    assert decision.explain().startswith("merge" if merge else "apart")


@pytest.mark.parametrize(
    ("name", "changes", "merge", "rule"), CITY_CASES, ids=[c[0] for c in CITY_CASES]
)
def test_big_city_needs_agreeing_evidence(name, changes, merge, rule):
    a = mention("a1", place=ALEPPO_CITY)
    b = mention(**{"article": "a2", "place": ALEPPO_CITY, **changes})
    decision = same_incident(a, b)
    assert (decision.merge, decision.rule) == (merge, rule), decision.explain()


def test_one_wire_report_republished_merges_on_its_sentence():
    # a wide place, no toll, no actor: the score is low, but the same sentence is one report
    told = "Some were arrested, judged and killed."
    same = {"place": HASAKEH_PROVINCE, "precision": 3, "fatalities": 0, "actor1": None}
    a, b = (mention(x, notes=told, claims=(), **same) for x in ("a1", "a2"))
    assert (same_incident(a, b).merge, same_incident(a, b).rule) == (True, "same_text")
    other = mention("a3", notes="Others fled the town.", claims=(), **same)
    assert not same_incident(a, other).merge


def test_one_week_told_by_two_reports_of_a_big_city():
    # "this week" in two reports: as close as week precision can tell, so a wide place merges
    a = mention("a1", place=ALEPPO_CITY, time_precision=2)
    b = mention("a2", place=ALEPPO_CITY, time_precision=2)
    assert same_incident(a, b).merge, same_incident(a, b).explain()
    later = mention("a3", place=ALEPPO_CITY, time_precision=2, day=DAY + timedelta(days=2))
    assert not same_incident(a, later).merge  # two different midpoints: maybe two weeks


# a chemical attack is rare: its reports merge in one province whatever their tolls
# (a = a dated report of 70 dead in Qamishli; b = another outlet's report)
RARE_CASES = [
    (
        "province-wide report the next day",
        {
            "place": HASAKEH_PROVINCE,
            "precision": 3,
            "day": DAY + timedelta(days=1),
            "fatalities": 0,
        },
        True,
        "rare_kind",
    ),
    (
        "undated follow-up at the same town",
        {"day": LATER, "dated": False, "fatalities": 0},
        True,
        "rare_kind",
    ),
    (
        "undated follow-up, province only",
        {"day": LATER, "dated": False, "place": HASAKEH_PROVINCE, "precision": 3},
        False,
        "follow_up",
    ),
    ("dated report a week later", {"day": LATER}, False, "date_apart"),
    ("other province", {"place": ALEPPO}, False, "place_apart"),
    ("named perpetrators at odds", {"actor1": ARMY}, False, "score"),
]


@pytest.mark.parametrize(
    ("name", "changes", "merge", "rule"), RARE_CASES, ids=[c[0] for c in RARE_CASES]
)
def test_reports_of_a_rare_kind_of_attack(name, changes, merge, rule):
    a = mention("a1", kind="chemical", fatalities=70)
    b = mention(**{"article": "a2", "kind": "chemical", **changes})
    decision = same_incident(a, b)
    assert (decision.merge, decision.rule) == (merge, rule), decision.explain()
    assert same_incident(b, a).merge == merge
    common = mention(**{"article": "a2", "kind": "suicide", **changes})  # a bombing is no rarity
    assert same_incident(mention("a1", fatalities=70), common).rule != "rare_kind"


# two reports of 50 dead or more in one province (a = 112 dead at a town of Aleppo province)
FAH = Place("Fah", "Syria", 760, "Aleppo", None, 36.37, 37.36)  # ~20 km from Aleppo city
MASS_CASES = [
    ("same day, tolls within half", {"fatalities": 70}, True, "mass_casualty"),
    ("same day, tolls far apart", {"fatalities": 30}, False, "coarse_place"),
    (
        "a day apart, same toll",
        {"day": DAY + timedelta(days=1), "fatalities": 112},
        True,
        "mass_casualty",
    ),
    (
        "a day apart, tolls within half",
        {"day": DAY + timedelta(days=1), "fatalities": 70},
        False,
        "coarse_place",
    ),
    ("perpetrators at odds", {"fatalities": 100, "actor1": ARMY}, False, "coarse_place"),
    ("a protest is no bombing", {"fatalities": 100, "kind": "protest"}, False, "type_apart"),
]


@pytest.mark.parametrize(
    ("name", "changes", "merge", "rule"), MASS_CASES, ids=[c[0] for c in MASS_CASES]
)
def test_mass_casualty_reports_in_one_province(name, changes, merge, rule):
    a = mention("a1", kind="ied", place=FAH, fatalities=112)
    b = mention(**{"article": "a2", "kind": "suicide", "place": ALEPPO_CITY, **changes})
    decision = same_incident(a, b)
    assert (decision.merge, decision.rule) == (merge, rule), decision.explain()
    assert same_incident(b, a).merge == merge


# a suburb just outside a city of millions: reports code it to the city itself
SUBURB_CASES = [
    ("Duma vs Damascus, same attack", DAMASCUS_CITY, DUMA, {}, True),
    ("Duma vs Damascus, other toll", DAMASCUS_CITY, DUMA, {"fatalities": 7}, False),
    ("Duma vs Homs city, far away", HOMS_CITY, DUMA, {}, None),
]


@pytest.mark.parametrize(
    ("name", "city", "suburb", "changes", "merge"), SUBURB_CASES, ids=[c[0] for c in SUBURB_CASES]
)
def test_a_suburb_of_a_big_city_can_be_the_city(name, city, suburb, changes, merge):
    a = mention("a1", place=city)
    b = mention(**{"article": "a2", "place": suburb, **changes})
    decision = same_incident(a, b)
    if merge is None:
        assert decision.vetoed and decision.rule == "place_apart", decision.explain()
    else:
        assert decision.merge == merge and not decision.vetoed, decision.explain()


# only the perpetrators (actor1) conflict; victims, units hit and quoted officials vary
ACTOR_CASES = [
    ("shared perpetrator", {"actor1": IS}, {"actor1": IS, "actor2": SDF}, 1.0),
    ("a victim named on both sides", {"actor1": GUNMEN, "actor2": SDF}, {"actor2": SDF}, 1.0),
    ("different perpetrators", {"actor1": IS}, {"actor1": ARMY}, 0.0),
    ("perpetrator unnamed on one side", {"actor1": IS}, {"actor1": GUNMEN}, 0.5),
    (
        "victims differ",
        {"actor1": GUNMEN, "actor2": SDF},
        {"actor1": GUNMEN, "actor2": POLICE},
        0.5,
    ),
    (
        "a quoted police command among the associated actors",
        {"actor1": IS},
        {"actor1": GUNMEN, "assoc_actor_1": (POLICE,)},
        0.5,
    ),
    ("no perpetrator on either side", {"actor1": None, "actor2": SDF}, {"actor1": None}, 0.5),
]


@pytest.mark.parametrize(
    ("name", "first", "second", "expected"), ACTOR_CASES, ids=[c[0] for c in ACTOR_CASES]
)
def test_only_different_perpetrators_conflict(name, first, second, expected):
    a, b = mention("a1", **first), mention("a2", **second)
    assert actor_score(a, b) == expected == actor_score(b, a)


def test_a_report_naming_other_parties_still_merges_in_one_town():
    # one outlet blames rebels; the other says "terrorists" and quotes the police command
    rebels = Actor("Opposition Rebels (Syria)", 2, "Syria")
    a = mention("a1", kind="shelling", actor1=rebels, fatalities=30)
    b = mention("a2", kind="shelling", actor1=GUNMEN, assoc_actor_1=(POLICE,), fatalities=0)
    assert same_incident(a, b).merge, same_incident(a, b).explain()
    assert not same_incident(a, replace(b, actor1=ARMY)).merge  # the perpetrators conflict


# a vague place (a province, a big city) on the same day: the same kind of attack and a
# distinctive toll agreeing within a fifth carry the merge; a (Qamishli, IS, 44 killed)
CORROBORATION_CASES = [
    (
        "province report, same kind and toll",
        {"place": HASAKEH_PROVINCE, "precision": 3, "actor1": GUNMEN, "fatalities": 40},
        True,
        "corroborated",
    ),
    (
        "province report, other toll",
        {"place": HASAKEH_PROVINCE, "precision": 3, "actor1": GUNMEN, "fatalities": 25},
        False,
        "coarse_place",
    ),
    (
        "province report, other kind of attack",
        {"place": HASAKEH_PROVINCE, "precision": 3, "actor1": GUNMEN, "kind": "shelling"},
        False,
        "coarse_place",
    ),
    (
        "province report, next day",
        {"place": HASAKEH_PROVINCE, "precision": 3, "actor1": GUNMEN, "fatalities": 40}
        | {"day": DAY + timedelta(days=1)},
        False,
        "coarse_place",
    ),
    (
        "province report, perpetrators conflict",
        {"place": HASAKEH_PROVINCE, "precision": 3, "actor1": ARMY, "fatalities": 40},
        False,
        "coarse_place",
    ),
    (
        "two named towns far apart",
        {"place": AMUDA, "actor1": GUNMEN, "fatalities": 40},
        False,
        "coarse_place",
    ),
    ("other province", {"place": ALEPPO, "actor1": GUNMEN, "fatalities": 40}, False, "place_apart"),
]


@pytest.mark.parametrize(
    ("name", "changes", "merge", "rule"),
    CORROBORATION_CASES,
    ids=[c[0] for c in CORROBORATION_CASES],
)
def test_a_vague_place_merges_on_the_same_kind_and_toll(name, changes, merge, rule):
    a = mention("a1")
    b = mention(**{"article": "a2", **changes})
    decision = same_incident(a, b)
    assert (decision.merge, decision.rule) == (merge, rule), decision.explain()
    assert same_incident(b, a).merge == merge


# the same singular target on one day in one province (a = 31 dead at a wedding in a town of
# Hasakeh; b = a province-wide report with an early toll)
WEDDING = "A suicide bomber struck a wedding party in Hasakeh on Wednesday."
SAME_TARGET_CASES = [
    ("same target, early toll", {}, True, "same_target"),
    (
        "another target",
        {"told": "A suicide bomber struck a funeral in Hasakeh."},
        False,
        "coarse_place",
    ),
    ("a small toll", {"fatalities": 4}, False, "coarse_place"),
    ("another sub-type", {"kind": "ied"}, False, "coarse_place"),
    ("the next day", {"day": DAY + timedelta(days=1)}, False, "coarse_place"),
    ("perpetrators at odds", {"actor1": ARMY}, False, "coarse_place"),
]


def told(event: Event, sentence: str) -> Event:
    """The event as told by ``sentence`` (its evidence)."""
    return replace(
        event, evidence=(*event.evidence, Evidence("sentence", Span.of(sentence, 0, len(sentence))))
    )


@pytest.mark.parametrize(
    ("name", "changes", "merge", "rule"), SAME_TARGET_CASES, ids=[c[0] for c in SAME_TARGET_CASES]
)
def test_the_same_target_singles_out_one_incident(name, changes, merge, rule):
    a = told(mention("a1", fatalities=31), WEDDING)
    changes = dict(changes)
    sentence = changes.pop("told", WEDDING)
    wide = {"place": HASAKEH_PROVINCE, "precision": 3, "fatalities": 15}
    b = told(mention(**{"article": "a2", **wide, **changes}), sentence)
    decision = same_incident(a, b)
    assert (decision.merge, decision.rule) == (merge, rule), decision.explain()
    assert same_incident(b, a).merge == merge


def test_a_source_at_a_hospital_names_no_target():
    # both reports quote a hospital: that is who spoke, not what was hit
    said = "Air strikes killed {} in Hasakeh on Wednesday, a doctor at the main hospital said."
    a = told(mention("a1", fatalities=31), said.format(31))
    wide = {"place": HASAKEH_PROVINCE, "precision": 3, "fatalities": 15}
    b = told(mention(**{"article": "a2", **wide}), said.format(15))
    assert (same_incident(a, b).merge, same_incident(a, b).rule) == (False, "coarse_place")


def test_small_tolls_do_not_corroborate():
    # a mortar round killing five or six: such tolls repeat many times a day in a war
    a = mention("a1", fatalities=6)
    b = mention("a2", place=HASAKEH_PROVINCE, precision=3, actor1=GUNMEN, fatalities=5)
    decision = same_incident(a, b)
    assert (decision.merge, decision.rule) == (False, "coarse_place"), decision.explain()
    assert same_incident(a, replace(b, fatalities=40)).rule != "corroborated"  # other toll


def test_corroboration_is_explained():
    a = mention("a1")
    b = mention("a2", place=HASAKEH_PROVINCE, precision=3, actor1=GUNMEN, fatalities=40)
    text = same_incident(a, b).explain()
    assert text.startswith("merge: corroborated, a wide place, but the same day, kind of")
    assert "score 0.76 of 0.78 needed" in text and "fatalities=0.80" in text


def test_a_small_province_matches_its_neighbours_towns():
    # "Damascus" coded as the province sits 6 km from Zamalka, in the next province
    a = mention("a1", place=DAMASCUS_PROVINCE, precision=3)
    b = mention("a2", place=ZAMALKA)
    assert dict(same_incident(a, b).parts)["place"] == 0.4
    assert same_incident(a, mention("a3", place=ALEPPO)).rule == "place_apart"


@pytest.mark.parametrize(
    ("tolls", "expected"),
    [((44, 44), 1.0), ((40, 44), 0.8), ((30, 44), 0.6), ((10, 44), 0.2), ((0, 44), 0.5)]
    + [((355, 1300), 0.6), ((90, 1300), 0.2)],
)
def test_close_tolls_support_a_merge(tolls, expected):
    a, b = (mention(f"a{i}", fatalities=t) for i, t in enumerate(tolls))
    assert fatality_score(a, b) == expected == fatality_score(b, a)


def test_explanation_states_rule_and_score():
    decision = same_incident(mention("a1"), mention("a2", kind="ied"))
    text = decision.explain()
    assert text.startswith("merge: score, the places pin the incident down (score ")
    assert f"score {decision.score:.2f} of 0.78 needed" in text and "type=0.70" in text
    apart = same_incident(mention("a1"), mention("a2", kind="protest")).explain()
    assert apart.startswith("apart: type_apart, the event types cannot")


def test_clustering_does_not_depend_on_input_order():
    mentions = [
        mention("a1"),
        mention("a2", day=DAY + timedelta(days=1)),
        mention("a3", place=ALEPPO, kind="shelling", actor1=ARMY),
        mention("a4", place=ALEPPO, kind="shelling", actor1=ARMY),
        mention("a5", kind="protest"),
    ]
    expected = sorted(sorted(m.article_id for m in c.members) for c in cluster_mentions(mentions))
    assert expected == [["a1", "a2"], ["a3", "a4"], ["a5"]]
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(mentions)
        got = sorted(sorted(m.article_id for m in c.members) for c in cluster_mentions(mentions))
        assert got == expected


def test_one_veto_keeps_a_mention_out_of_a_cluster():
    # a3 matches a2 (next day) but is two days after a1: it must not chain onto their event
    a1, a2 = mention("a1"), mention("a2", day=DAY + timedelta(days=1))
    a3 = mention("a3", day=DAY + timedelta(days=2))
    groups = sorted(sorted(m.article_id for m in c.members) for c in cluster_mentions([a1, a2, a3]))
    assert groups == [["a1", "a2"], ["a3"]]


def test_an_undated_report_joins_its_incident_in_a_cluster():
    # an undated report sorts last, yet is paired with every dated mention; its own cluster
    # keeps the dated day, and it stays out of another day's incident at another town
    undated = mention("a3", day=None, place=FAH, kind="ied", fatalities=120)
    dated = [mention(f"a{i}", place=FAH, kind="ied", fatalities=112) for i in (1, 2)]
    elsewhere = mention("a4", place=QAMISHLI, day=DAY + timedelta(days=30), fatalities=120)
    clusters = cluster_mentions([undated, *dated, elsewhere])
    groups = sorted(sorted(m.article_id for m in c.members) for c in clusters)
    assert groups == [["a1", "a2", "a3"], ["a4"]]
    (joined,) = (c for c in clusters if len(c.members) == 3)
    assert canonical_event(joined).event.event_date == DAY


def test_canonical_record_is_conservative_and_keeps_every_source():
    no_figure = mention("a3", fatalities=0, claims=(), source="outlet-c")
    precise = mention("a1", fatalities=48, source="outlet-a")
    coarse = mention("a2", fatalities=40, place=HASAKEH_PROVINCE, precision=3, source="outlet-b")
    clusters = cluster_mentions([precise, coarse, no_figure])
    assert len(clusters) == 1
    event = canonical_event(clusters[0])
    assert event.event.fatalities == 40  # the lowest figure among reports that give one
    assert event.conflicts["fatalities"] == [40, 48]
    assert event.event.place == QAMISHLI and event.event.geo_precision == 1
    assert set(event.sources) == {"outlet-a", "outlet-b", "outlet-c"}
    assert set(event.article_ids) == {"a1", "a2", "a3"}
    assert sorted(c.value for _, c in event.claims) == [40, 48]
    assert {e["mention_id"] for e in event.explanation()} == set(event.mention_ids[1:])


def test_canonical_id_depends_only_on_the_mentions():
    ms = [mention("a1"), mention("a2")]
    assert merge_across(ms)[0].id == merge_across(list(reversed(ms)))[0].id
    assert merge_across(ms)[0].id != merge_across([ms[0]])[0].id or ms[0].id < ms[1].id


@pytest.mark.parametrize(
    ("figures", "expected"),
    [((7, 10), 7), ((0, 12), 12), ((0, 0), 0)],
)
def test_lowest_reported_ignores_reports_without_a_figure(figures, expected):
    members = [mention(f"a{i}", fatalities=f, claims=()) for i, f in enumerate(figures)]
    assert lowest_reported(members, "fatalities") == expected


def test_two_mentions_of_one_article_join_only_through_other_reports():
    # the extractor split one attack in two (the town, and a village 26 km away)
    town = mention("a1", fatalities=44)
    village = mention("a1", place=AMUDA, fatalities=12, text="Twelve died in Amuda, it said.")
    assert same_incident(town, village).rule == "same_article"
    assert len(cluster_mentions([town, village])) == 2  # by themselves they stay apart
    # another outlet's report matches both: the town's toll, the village's name
    bridge = mention("a2", place=AMUDA, fatalities=44)
    (cluster,) = cluster_mentions([town, village, bridge])
    assert {m.id for m in cluster.members} == {town.id, village.id, bridge.id}
    # but two mentions of one article that the rules tell apart never share an event
    later = replace(village, event_date=DAY + timedelta(days=2))
    assert len(cluster_mentions([town, later, bridge])) == 2


def _dated(note: str, day: date, precision: int, fatalities: int) -> Event:
    return replace(
        mention("a1", day=day, fatalities=fatalities), time_precision=precision, notes=note
    )


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([], None),
        ([("news", DAY, 1, 5), ("recalled", date(2013, 8, 15), 3, 500)], "news"),
        ([("news", DAY, 1, 5), ("weeks before", DAY - timedelta(days=30), 1, 500)], "news"),
        ([("small", DAY, 1, 5), ("big", DAY, 1, 50)], "big"),
        ([("only background", date(2013, 8, 15), 3, 7)], "only background"),
    ],
)
def test_main_mention_is_the_deadliest_current_event(events, expected):
    chosen = main_mention([_dated(*e) for e in events])
    assert (chosen.notes if chosen else None) == expected


def test_measure_dedup_counts_main_event_pairs():
    background = mention("c", day=date(2013, 8, 21), place=ALEPPO, text="Recalled attack.")
    mentions = {
        "a": [mention("a")],
        "b": [mention("b")],
        "c": [mention("c", place=ALEPPO, fatalities=80), background],
        "d": [],
        "x": [mention("x", place=ALEPPO, fatalities=80)],  # not in a group: a false merge
        "y": [mention("y", day=date(2013, 8, 21), place=ALEPPO)],  # merges with background only
    }
    pairs = dedup_pairs([["a", "b", "c"], ["d", "a"]], mentions)
    # predicted {a,b} and {c,x}; {c,y} share only c's background event, which is not its news
    assert pairs.predicted == {("a", "b"), ("c", "x")}
    # d has no event: its pair stays in the gold and is missed (dropping events never helps)
    assert pairs.gold == {("a", "b"), ("a", "c"), ("b", "c"), ("a", "d")}
    assert pairs.false_merges == [("c", "x")]
    assert pairs.missed_merges == [("a", "c"), ("a", "d"), ("b", "c")]
    assert pairs.without_events == ("d",)
    scores = measure_dedup([["a", "b", "c"], ["d", "a"]], mentions)
    assert (scores["precision"], scores["recall"]) == (0.5, 0.25)
    assert (scores["pairs_predicted"], scores["pairs_gold"], scores["pairs_true"]) == (2, 4, 1)


@pytest.mark.parametrize(
    "shape",
    [
        lambda groups: {"corpus": "test", "groups": groups},  # groups.json as loaded
        lambda groups: groups,  # its list of groups
        lambda groups: [g["unit_ids"] for g in groups],  # plain id lists
    ],
)
def test_measure_dedup_reads_every_gold_shape(shape):
    groups = [{"id": "g", "unit_ids": ["a", "b"]}]
    mentions = {"a": [mention("a")], "b": [mention("b")]}
    assert measure_dedup(shape(groups), mentions)["recall"] == 1.0


def test_gold_file_is_well_formed(shared_dir):
    document = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
    groups = load_gold()
    assert len(groups) >= 40
    ids = [u for g in groups for u in g["unit_ids"]]
    repeated = {u for u in ids if ids.count(u) > 1}
    # an article belongs to one group, unless it reports two incidents as its news
    assert repeated == set(document["two_incident_articles"])
    assert all(ids.count(u) == 2 for u in repeated)
    assert all(len(g["unit_ids"]) >= 2 and g["description"] for g in groups)
    with (shared_dir / FAKES_CSV).open(encoding="utf-8") as fh:
        known = {row["unit_id"] for row in csv.DictReader(fh)}
    assert set(ids) <= known


def test_dedup_on_hand_built_fakes_dev_mentions(shared_dir):
    """Targets P >= 0.95, R >= 0.85 on mentions dated as a reader dates them."""
    _, mentions = labelled_corpus(shared_dir, read_dates=True)
    result = measure_dedup([g["unit_ids"] for g in load_gold()], mentions)
    assert result["precision"] >= 0.95, result["false_merges"]
    assert result["recall"] >= 0.85, result["missed_merges"]


def test_crowd_label_dates_cost_recall_not_precision(shared_dir):
    """With the crowd's dates (often days off) merges are missed, but not invented."""
    _, mentions = labelled_corpus(shared_dir)
    result = measure_dedup([g["unit_ids"] for g in load_gold()], mentions)
    assert result["precision"] >= 0.9, result["false_merges"]
