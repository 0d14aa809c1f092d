"""The ACLED-style taxonomy: 6 event types, 25 sub-types in rank order, inter codes."""

from __future__ import annotations

# (event_type, sub_event_type) in the codebook's rank order: earlier outranks later
# when several tactics of one actor pair fall on one day and place (spec section 1).
SUB_EVENT_TYPES: tuple[tuple[str, str], ...] = (
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Armed clash"),
    ("Protests", "Excessive force against protesters"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"),
    ("Strategic developments", "Other"),
)

EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(t for t, _ in SUB_EVENT_TYPES))
SUB_TYPES: tuple[str, ...] = tuple(s for _, s in SUB_EVENT_TYPES)
EVENT_TYPE_OF: dict[str, str] = {s: t for t, s in SUB_EVENT_TYPES}
RANK: dict[str, int] = {s: i for i, s in enumerate(SUB_TYPES)}
# the two Battles sub-types in which one side takes ground from the other
TERRITORY_SUB_TYPES: tuple[str, ...] = SUB_TYPES[:2]

INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

_POLITICAL_VIOLENCE = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Riots",
}


def event_type_of(sub_event_type: str) -> str:
    return EVENT_TYPE_OF[sub_event_type]


def disorder_type(sub_event_type: str) -> str:
    """Spec section 2: which of the three disorder types a sub-type belongs to."""
    event_type = EVENT_TYPE_OF[sub_event_type]
    if event_type in _POLITICAL_VIOLENCE or sub_event_type == "Excessive force against protesters":
        return "Political violence"
    if event_type == "Protests":
        return "Demonstrations"
    return "Strategic developments"


def outranks(a: str, b: str) -> bool:
    """True when sub-type ``a`` ranks above ``b`` (lower index wins)."""
    return RANK[a] < RANK[b]
