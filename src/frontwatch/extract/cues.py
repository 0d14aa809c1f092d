"""Which sub-event type a clause describes, from the cue words it contains.

The cues are data (``data/cues/events.tsv``); this module only decides between the
types a clause's cues point to, the way the codebook does: a chemical agent decides
the type whatever else is said; a ground fight outranks the remote weapons used in
it; a warning or a move of forces with nobody hurt is a strategic development.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwatch.extract.lexicon import Lexicon
from frontwatch.taxonomy import EVENT_TYPE_OF, TERRITORY_SUB_TYPES

# Checked in this order; the first family with a cue decides. Strategic developments
# that only announce or prepare violence come first but yield to reported casualties.
_ANNOUNCING = ("Other", "Change to group/activity")
_DECISION_ORDER = (
    "Chemical weapon",
    "Sexual violence",
    "Non-violent transfer of territory",  # "took over X without a fight": no battle
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Excessive force against protesters",
    "Violent demonstration",
    "Protest with intervention",
    "Mob violence",
    "Suicide bomb",
    "Armed clash",
    "Air/drone strike",
    "Grenade",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Agreement",
    "Disrupted weapons use",
    "Arrests",
    "Headquarters or base established",
    "Looting/property destruction",
    "Change to group/activity",
    "Other",
)
_WEAK_CLASH = 1
_NONVIOLENT_ACTS = ("Arrests", "Disrupted weapons use")
_CALM_PROTESTS = ("Peaceful protest", "Protest with intervention")
_CLASH_OR_REMOTE = {
    "Armed clash",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Grenade",
}
_VIOLENT = set(_DECISION_ORDER[:17])  # everything above the strategic developments


@dataclass(frozen=True, slots=True)
class CueHit:
    sub_event_type: str
    weight: int
    start: int
    end: int


def is_bare_attack(hit: CueHit | None) -> bool:
    """Only the weak word 'attack' (or 'operations against') coded the clause a clash."""
    return hit is not None and hit.sub_event_type == "Armed clash" and hit.weight <= _WEAK_CLASH


def find_cues(text: str, start: int, end: int, lexicon: Lexicon) -> list[CueHit]:
    if not lexicon.any_cue.search(text, start, end):
        return []
    hits = []
    for cue in lexicon.cues:
        for match in cue.pattern.finditer(text, start, end):
            if not _no_act(cue.sub_event_type, text, start, end, match):
                hits.append(CueHit(cue.sub_event_type, cue.weight, match.start(), match.end()))
    return sorted(hits, key=lambda h: h.start)


def _no_act(sub_type: str, text: str, start: int, end: int, match: re.Match[str]) -> bool:
    """The cue word is there, but the clause tells no such act."""
    if sub_type in TERRITORY_SUB_TYPES and _person_taken(text, match.start()):
        return True  # "a pilot they captured": a person taken, no ground
    if _BACKDROP.search(text, max(0, match.start() - 80), match.start()):
        return True  # "expanded their control despite the bombing": a backdrop
    if _while_ongoing(text, match):
        return True  # "... killed 85 as intense fighting was underway": a backdrop
    if sub_type == "Agreement":
        return _agreement_named(text, start, end, match)  # "violated the truce"
    if sub_type == "Non-violent transfer of territory":
        return _not_handed_without_fight(text, start, end, match)  # "withdrew under fire"
    return False


# "despite the bombing of several locations by Syrian jets", "despite a ceasefire": a
# circumstance the sentence concedes, not an act it reports; "Just days after a chemical
# attack, a woman was killed ...": the opening only sets the time of the news
_BACKDROP = re.compile(
    r"(?:\b(?:despite|in spite of)\s(?:(?!\b(?:and|but|then|while|as)\b)[^,.;:]){0,60}"
    r"|(?:^|(?<=[.!?\n]))\s*(?:just |only |barely )?"
    r"(?:(?:a|one|two|three|four|five|six|several|\d+)\s+)?(?:hours?|days?|weeks?) after\s"
    r"[^,.;:]{0,50})$",
    re.IGNORECASE,
)


# "Airstrikes killed at least 85 civilians as intense fighting was underway between the
# militants and U.S.-backed fighters": the fighting is the time of the strikes, told as
# going on (its own events are told elsewhere, with their own sides)
_AS_BEFORE = re.compile(r"\bas\s+(?:(?:intense|heavy|fierce|the|ongoing)\s+){0,2}$", re.IGNORECASE)
_ONGOING_AFTER = re.compile(
    r"\s+(?:was|were)\s+(?:still\s+)?(?:underway|under\s+way|raging|ongoing|continuing)\b",
    re.IGNORECASE,
)


def _while_ongoing(text: str, match: re.Match[str]) -> bool:
    before = _AS_BEFORE.search(text, max(0, match.start() - 30), match.start())
    return before is not None and _ONGOING_AFTER.match(text, match.end()) is not None


# "Russia and the regime violated the truce", "the UN called for a ceasefire", "part of a
# de-escalation zone under a deal": a standing, broken or wished-for agreement is named,
# none is made. An agreement event needs the act in its clause ("a deal had been reached",
# "declared a 48-hour truce", "the ceasefire came into force"); a surrender or a prisoner
# swap is an act in itself.
_AGREEMENT_NOUN = re.compile(
    r"(?:ceasefire|cease-fire|truce|agreement|(?:peace|reconciliation|evacuation|handover) deal|"
    r"de-?escalation zone)$",
    re.IGNORECASE,
)
_AGREEING = re.compile(
    r"\b(?:reach(?:ed|es|ing)?|sign(?:ed|s|ing)?|struck|agree(?:d|s|ing)?|announc(?:ed|es|ing)|"
    r"declar(?:ed|es|ing)|c(?:a|o)me(?:s)? into|entered into|went into|t(?:ook|akes?) effect|"
    r"(?:will|would|to|shall) (?:begin|start|take effect)|began|begins|conclud(?:ed|es)|"
    r"endors(?:ed|es)|accept(?:ed|s)|hammered out|negotiated|mediated|secured|clinched|sealed|"
    r"brokered (?:a|an|the)\b|approv(?:ed|es))",
    re.IGNORECASE,
)
_NOT_MADE = re.compile(
    r"\b(?:violat\w*|breach\w*|collaps\w*|broke down|fail\w*|reviv\w*|(?:call|ask|press)(?:ed|ing|s)? "
    r"for|urg(?:ed|es|ing)|not (?:a )?party)\b",
    re.IGNORECASE,
)


def _agreement_named(text: str, start: int, end: int, match: re.Match[str]) -> bool:
    if not _AGREEMENT_NOUN.search(match.group(0)):
        return False
    clause = text[start:end]
    return _AGREEING.search(clause) is None or _NOT_MADE.search(clause) is not None


# "the army withdrew from the farms as they faced a rebel counter-offensive", "withdrew
# after coming under attack": ground given up under fire changed hands by fighting (spec
# section 2: a transfer is non-violent only without it); "information handed over to the
# Russian centre" hands over no ground
_FIGHT_WORDS = re.compile(
    r"\b(?:attacks?|(?:counter-?)?offensives?|counterattacks?|clashes|fighting|battles?|assaults?|"
    r"under (?:heavy )?fire|bombardment|shelling|air ?strikes)\b",
    re.IGNORECASE,
)
_HANDED_THING = re.compile(
    r"\b(?:information|data|documents?|evidence|lists?|letters?|bodies|remains|weapons)\s+$",
    re.IGNORECASE,
)


_NO_FIGHTING = re.compile(
    r"\b(?:without (?:any |a )?(?:fight|fighting|clashes|resistance)|no (?:fighting|clashes))\b",
    re.IGNORECASE,
)


def _not_handed_without_fight(text: str, start: int, end: int, match: re.Match[str]) -> bool:
    if _HANDED_THING.search(text, max(start, match.start() - 30), match.start()):
        return True
    fought = _FIGHT_WORDS.search(text, start, end)
    return bool(fought) and not _NO_FIGHTING.search(text, start, end)


def _person_taken(text: str, at: int) -> bool:
    return _PERSON_TAKEN.search(text, max(0, at - 60), at) is not None


# "killed a pilot they captured", "the soldiers who were captured": people taken, not places
# ("fighters captured the city", "troops who captured it": they took ground)
_PERSON_TAKEN = re.compile(
    r"\b(?:pilots?|soldiers?|fighters?|troops|officers?|m[ae]n|hostages?|prisoners?|"
    r"commanders?|journalists?|civilians?)\s+(?:(?:who|whom|that)\s+)?(?:(?:they|he|she|it|"
    r"rebels|militants|were|was|had\s+been|been)\s+){1,2}$",
    re.IGNORECASE,
)


def decide(
    hits: list[CueHit], has_deaths: bool, death_at: int | None = None, has_harm: bool = False
) -> CueHit | None:
    """The hit whose sub-type the clause is coded as, or None when nothing happened.

    ``death_at`` is where the clause's toll is written: "killed by air strikes as they
    fled a battle" dies of the air strikes, so the weapon nearest the toll decides
    between a fight and a remote weapon named in the same clause.
    """
    # a grave found, a warning, an arrest: each decides before the cues are ranked
    settled = (
        _found_grave(hits) or _announcement(hits, has_deaths) or _nonviolent_act(hits, has_deaths)
    )
    if settled is not None:
        return settled
    by_type = _strongest_by_type(hits)
    for sub_type in _DECISION_ORDER:
        hit = by_type.get(sub_type)
        if hit and _counts(hit, by_type, has_deaths):
            return _coded_as(hit, hits, death_at, has_harm)
    return None


def _found_grave(hits: list[CueHit]) -> CueHit | None:
    """A mass grave found is news of its own, not a killing."""
    return next((h for h in hits if h.sub_event_type == "Other" and h.weight >= 4), None)


def _announcement(hits: list[CueHit], has_deaths: bool) -> CueHit | None:
    """A warning or a move of forces that frames the clause, when nobody died."""
    announcing = next((h for h in hits if h.sub_event_type in _ANNOUNCING), None)
    if announcing and not has_deaths and _announces_first(hits, announcing):
        return announcing
    return None


def _nonviolent_act(hits: list[CueHit], has_deaths: bool) -> CueHit | None:
    """An arrest or a disrupted weapon, when nobody died."""
    if has_deaths:
        return None
    # "arrested ... in a raid", "intercepted a drone", "defused a bomb": the verb
    # says what happened; the weapon noun is only its object
    acted = next((h for h in hits if h.sub_event_type in _NONVIOLENT_ACTS), None)
    protest = any(EVENT_TYPE_OF[h.sub_event_type] in ("Protests", "Riots") for h in hits)
    if acted is not None and not protest:  # detaining protesters is an intervention
        return acted
    return None


def _strongest_by_type(hits: list[CueHit]) -> dict[str, CueHit]:
    """Each sub-type's heaviest cue (the first of equal weights)."""
    by_type: dict[str, CueHit] = {}
    for hit in hits:
        known = by_type.get(hit.sub_event_type)
        if known is None or hit.weight > known.weight:
            by_type[hit.sub_event_type] = hit
    return by_type


def _coded_as(hit: CueHit, hits: list[CueHit], death_at: int | None, has_harm: bool) -> CueHit:
    """The deciding hit as coded: a clash gives way to whichever fight or weapon cue lies
    nearest the toll; a calm protest where people were hurt is excessive force."""
    if hit.sub_event_type == "Armed clash":
        return _nearest_weapon(hits, death_at)
    if has_harm and hit.sub_event_type in _CALM_PROTESTS:
        return _harmed_protest(hit)
    return hit


def _harmed_protest(hit: CueHit) -> CueHit:
    """Protesters killed or seriously hurt: Excessive force, whatever else was done."""
    return CueHit("Excessive force against protesters", hit.weight, hit.start, hit.end)


def _nearest_weapon(hits: list[CueHit], death_at: int | None) -> CueHit:
    fighting = [h for h in hits if h.sub_event_type in _CLASH_OR_REMOTE and h.weight > _WEAK_CLASH]
    if death_at is None or not fighting:
        return next(h for h in hits if h.sub_event_type == "Armed clash")
    return min(fighting, key=lambda h: (abs(h.start - death_at), h.start))


def _announces_first(hits: list[CueHit], announcing: CueHit) -> bool:
    """'warned that ... brought car bombs': the warning frames what follows it."""
    return not any(
        h.start < announcing.start
        and h.weight > _WEAK_CLASH
        and h.sub_event_type not in _ANNOUNCING
        for h in hits
    )


def _counts(hit: CueHit, by_type: dict[str, CueHit], has_deaths: bool) -> bool:
    """A weak clash cue ('attack', 'operations against') only counts with a toll."""
    if hit.sub_event_type != "Armed clash" or hit.weight > _WEAK_CLASH:
        return True
    strong = [h for h in by_type.values() if h.sub_event_type == "Armed clash" and h.weight > 1]
    if strong:
        return True
    # 'bomb attack', 'air attack': the weapon says more than the weak word 'attack'
    others = {t for t, h in by_type.items() if t != "Armed clash" and h.weight > _WEAK_CLASH}
    return has_deaths and not others & _VIOLENT
