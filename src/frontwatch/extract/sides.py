"""Who acted and who was acted on (spec section 6): the sides of a coded event.

Perpetrators and targets read from each mention are sorted into two sides by the event
type: who took a place acts in the territory types, the state side faces the others in
battles, demonstrators act in protests and riots, victims are actor2 otherwise; allies
stand behind the actor they back.
"""

from __future__ import annotations

from frontwatch.extract.casualties import KILLED
from frontwatch.extract.grouping import Group
from frontwatch.model import Actor
from frontwatch.taxonomy import EVENT_TYPE_OF, TERRITORY_SUB_TYPES

_STATE_SIDE = (1, 8)  # state forces and foreign armies fight on the state side by default


def actors_of(group: Group, sub_type: str, country: str | None):
    """(actor1, assoc1, actor2, assoc2) of a group coded as ``sub_type``."""
    perps = unique(a.actor for m in group.mentions for a in m.perpetrators)
    targets = unique(a.actor for m in group.mentions for a in m.targets)
    if sub_type in TERRITORY_SUB_TYPES and any(a.inter != 7 for a in perps):
        side1 = [a for a in perps if a.inter != 7]  # who took the place acts
        side2 = [a for a in unique([*perps, *targets]) if a not in side1 and a.inter != 7]
    elif EVENT_TYPE_OF[sub_type] == "Battles":
        side1, side2 = _battle_sides(group, perps, targets)
    elif EVENT_TYPE_OF[sub_type] == "Protests":
        side1, side2 = _protest_sides(perps, targets, country)
    else:
        side1 = _named_over_unidentified([a for a in perps if a.inter != 7])
        side2 = [a for a in targets if a not in side1 and a not in perps]
        if civilians_hit(group) and not any(a.inter == 7 for a in side2):
            side2 = [*side2, Actor(f"Civilians ({country or 'Unknown'})", 7, country)]
        if EVENT_TYPE_OF[sub_type] == "Violence against civilians":
            side2 = [a for a in side2 if a.inter == 7] or side2
    side1, side2 = _with_allies(group, side1, side2)
    if sub_type == "Air/drone strike":
        side1, side2 = _aircraft_first(side1, side2)
    return head(side1), tuple(side1[1:]), head(side2), tuple(side2[1:])


_AIR_FORCES = (1, 8)  # state and foreign forces: who flies the aircraft


def _aircraft_first(side1: list[Actor], side2: list[Actor]):
    """'US-led strikes on IS positions': when a state's forces stand on the striking side
    beside an armed group, the state struck and the group was hit (it has no air force)."""
    air = [a for a in side1 if a.inter in _AIR_FORCES]
    if not side1 or side1[0].inter in _AIR_FORCES or not air:
        return side1, side2
    hit = [a for a in side1 if a.inter not in _AIR_FORCES]
    return air, [*side2, *[a for a in hit if a not in side2]]


def _with_allies(group: Group, side1: list[Actor], side2: list[Actor]):
    """An ally ('the army, backed by the NDF') stands behind the actor it backs, on its
    side, whichever side the roles first put it on."""
    backs = {ally: principal for m in group.mentions for ally, principal in m.allies}
    for ally, principal in backs.items():
        for own, other in ((side1, side2), (side2, side1)):
            if principal in _names(own) and ally in _names(other):
                if len(other) == 1:  # the ally alone on its side: the principal joins it
                    other.insert(0, own.pop(_names(own).index(principal)))
                else:
                    own.insert(
                        _names(own).index(principal) + 1, other.pop(_names(other).index(ally))
                    )
                break
    return side1, side2


def _names(actors: list[Actor]) -> list[str]:
    return [a.name for a in actors]


def _named_over_unidentified(side: list[Actor]) -> list[Actor]:
    """'A suicide bomber killed 20 ... Islamic State claimed the attack': the unnamed
    bomber is the named group's man, not a second attacker."""
    named = [a for a in side if not a.name.startswith("Unidentified")]
    return named or side


def _protest_sides(perps: list[Actor], targets: list[Actor], country: str | None):
    """The demonstrators are actor1 (spec 6); whoever intervened is actor2."""
    everyone = unique([*perps, *targets])
    crowd = [a for a in everyone if a.inter == 6] or [
        Actor(f"Protesters ({country or 'Unknown'})", 6, country)
    ]
    return crowd, [a for a in everyone if a.inter not in (6, 7)]


def _battle_sides(group: Group, perps: list[Actor], targets: list[Actor]):
    everyone = [a for a in unique([*perps, *targets]) if a.inter != 7]
    state = [a for a in everyone if a.inter in _STATE_SIDE]
    others = [a for a in everyone if a.inter not in _STATE_SIDE]
    if not state or not others:
        # two non-state groups: the one whose dead are counted is the victim side
        victim = _counted_side(group)
        side1 = [a for a in perps if a.inter != 7]
        if victim and len(everyone) > 1:
            side1 = [a for a in everyone if a.name != victim]
        return side1, [a for a in everyone if a not in side1]
    return (others, state) if _state_lost_more(group, state) else (state, others)


def _counted_side(group: Group) -> str | None:
    """'100 ISIL terrorists killed': the armed actor counted among the dead."""
    for m in group.mentions:
        if any(f.kind == KILLED and f.group in ("fighters", "soldiers") for f in m.figures):
            armed = [a.actor.name for a in m.targets if a.actor.inter != 7]
            if armed:
                return armed[0]
    return None


def _state_lost_more(group: Group, state: list[Actor]) -> bool:
    """The side that counts the dead is the victim; the other side is actor1."""
    names = {a.name for a in state}
    for m in group.mentions:
        if any(f.kind == KILLED for f in m.figures) and m.targets:
            return m.targets[0].actor.name in names
    return False


def rioters_first(actor1, assoc1, actor2, assoc2):
    """Demonstrators who turn violent are Rioters (inter 5) and act: actor1 (spec 6)."""
    everyone = [a for a in (actor1, *assoc1, actor2, *assoc2) if a is not None]
    crowd = [a for a in everyone if a.inter in (5, 6)]
    if not crowd:
        return actor1, assoc1, actor2, assoc2
    rioters = Actor(crowd[0].name.replace("Protesters", "Rioters"), 5, crowd[0].country)
    others = [a for a in everyone if a not in crowd]
    return rioters, (), head(others), tuple(others[1:])


def civilians_hit(group: Group) -> bool:
    return any(m.civilians_hit for m in group.mentions)


def unique(items) -> list:
    return list(dict.fromkeys(items))


def head(actors: list[Actor]) -> Actor | None:
    return actors[0] if actors else None
