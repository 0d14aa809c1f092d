"""Finding place names in a text and resolving them in the context of the whole article.

Three steps, all pure given a loaded :class:`~frontwatch.resolve.gazetteer.Gazetteer`:

1. scan: longest-match of name keys over the words, capitalised names only
   (lowercase only right after "in"/"near"), skipping blocked phrases
   (organisations, people) and common words;
2. cues: the words around each name ("near X", "south of X", "X province",
   "southern X countryside") set the wanted feature and the precision;
3. resolve: every candidate is scored on the article's country focus, the
   provinces named in the same sentence and in the article, feature fit and
   population; the best wins and the others are kept as alternatives.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from frontwatch.model import Place, Span
from frontwatch.resolve.placenames import (
    ALWAYS_ARTICLES,
    SUN_ARTICLES,
    Cue,
    Token,
    cue_before,
    fold,
    is_arabic,
    read_cues,
    spelling,
    tokenize,
    word_set,
    words_before,
)

# Score weights: country focus decides first, the province named nearby next.
W_COUNTRY, W_LOCAL_ADMIN1, W_ADMIN1, W_POPULATION, W_FEATURE, W_EXACT = (
    0.35,
    0.3,
    0.15,
    0.15,
    0.4,
    0.15,
)
MIN_POPULATION_ANYWHERE = 15_000  # a town outside the article's countries needs this many people
BIG_FEATURES = ("country", "admin1")
DEFAULT_FOCUS = ("SY", "IQ", "YE")
MIN_FUZZY_LENGTH, FUZZY_CUTOFF = 5, 85  # candidates whose spellings are compared with the text
PLAIN_FIT = {"populated": 0.2, "area": 0.2, "admin1": -0.1, "admin2": -0.3}  # no cue: towns first
MAX_SCORED = 50  # candidates scored per name (the index orders them by prior)
TITLES = word_set(
    "president minister mr mrs ms dr general gen colonel col lieutenant lt major maj brigadier brig captain capt sergeant commander spokesman spokeswoman ambassador envoy secretary senator king prince emir imam ayatollah premier chancellor mayor governor"
)
PERSON_CONNECTORS = frozenset(
    {"al", "el", "bin", "ibn", "abu", "abd", "abdel", "abdul", "bint", "de", "van", "von"}
)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place named in a text, resolved."""

    span: Span  # the place name in the text
    place: Place  # the chosen candidate
    precision: int  # 1 the place itself; 2 near/around it or a small area; 3 only a province/region
    phrase: str  # what goes in the ACLED 'location' column
    raw: str  # the raw phrase with its cue words ("southern Idlib countryside", "near Kafr Nabl")
    alternatives: tuple[tuple[Place, float], ...]  # other candidates with their scores
    score: float


@dataclass(frozen=True, slots=True)
class Match:
    """A name found by the scan, before resolution."""

    first: int  # token indices [first, last)
    last: int
    start: int  # character offsets of the name
    end: int
    ids: tuple[int, ...]
    sentence: int


@dataclass(frozen=True, slots=True)
class Context:
    countries: dict[str, float]  # ISO2 -> share of the article's country evidence
    admin1: dict[str, float]  # admin1 -> share among resolved places of the focus country
    local_admin1: dict[
        int, tuple[tuple[int, str], ...]
    ]  # sentence -> (first token, province) named in it


# ---------------------------------------------------------------- scan


def find_places(gazetteer, text: str, country: str | None = None) -> list[PlaceMention]:
    """All place mentions of an article, in text order; ``country`` hints the focus when the text is thin."""
    code = gazetteer.country_code(country) if country else None
    country = gazetteer.countries[code].name if code else None
    tokens = tokenize(text)
    keys = LazyKeys(gazetteer, tokens)
    articles = [is_article(text, tokens, i) for i in range(len(tokens))]
    sentences = sentence_numbers(text, tokens)
    matches, leftovers = scan(gazetteer, text, tokens, keys, articles, sentences)
    cues = [read_cues(text, tokens, m.first, m.last, m.start, m.end) for m in matches]
    context = first_context(gazetteer, tokens, matches, cues, country)
    context = refine_context(gazetteer, matches, cues, context)
    mentions = []
    for match, cue in zip(matches, cues, strict=True):
        mention = resolve(gazetteer, text, match, cue, context)
        if mention:
            mentions.append(mention)
        elif match.last - match.first == 1 and fuzzy_candidate(gazetteer, tokens, match.first):
            leftovers.append(match.first)
    for match in fuzzy_matches(gazetteer, text, tokens, keys, leftovers, sentences, context):
        mention = resolve(
            gazetteer,
            text,
            match,
            read_cues(text, tokens, match.first, match.last, match.start, match.end),
            context,
        )
        mentions += [mention] if mention else []
    return sorted(mentions, key=lambda m: m.span.start)


class LazyKeys:
    """Token keys computed on first use: most words never start or continue a name."""

    __slots__ = ("gazetteer", "tokens", "keys")

    def __init__(self, gazetteer, tokens: list[Token]) -> None:
        self.gazetteer, self.tokens, self.keys = gazetteer, tokens, [None] * len(tokens)

    def __getitem__(self, i: int) -> str:
        key = self.keys[i]
        if key is None:
            key = self.keys[i] = self.gazetteer.token_key(self.tokens[i].text)
        return key


def is_article(text: str, tokens: list[Token], i: int) -> bool:
    """al-/el- always; as-/at-/an-... only hyphenated or assimilated ('As Suwayda', 'at-Tah')."""
    word = tokens[i].text.lower()
    if word in ALWAYS_ARTICLES:
        return i + 1 < len(tokens)
    if word not in SUN_ARTICLES or i + 1 >= len(tokens):
        return False
    following = tokens[i + 1]
    hyphen = text[tokens[i].end : following.start] == "-"
    return (
        hyphen
        or (word[0] != "a" or word[1:] != "n")
        and following.text.lower().startswith(word[1:])
        and word[0].isupper()
    )


def sentence_numbers(text: str, tokens: list[Token]) -> list[int]:
    """Sentence number of each token: a break at . ! ? or a blank line between tokens."""
    numbers, current = [], 0
    for i, token in enumerate(tokens):
        if i and any(c in ".!?\n" for c in text[tokens[i - 1].end : token.start]):
            current += 1
        numbers.append(current)
    return numbers


def joined(text: str, tokens: list[Token], i: int) -> bool:
    """Tokens i and i+1 may belong to one name: only spaces or a hyphen between them."""
    gap = text[tokens[i].end : tokens[i + 1].start]
    return len(gap) <= 3 and gap.strip(" -") == "" and "\n" not in gap


def scan(gazetteer, text, tokens, keys, articles, sentences) -> tuple[list[Match], list[int]]:
    """Names found, and the capitalised words left over after a place preposition (for fuzzy matching)."""
    matches, leftovers, i = [], [], 0
    while i < len(tokens):
        found = match_at(gazetteer, text, tokens, keys, articles, i)
        if isinstance(found, int):
            if found == 1 and fuzzy_candidate(gazetteer, tokens, i):
                leftovers.append(i)
            i += found
            continue
        first, last, ids = found
        start = (
            tokens[first - 1].start
            if first and attached_article(text, tokens, articles, first)
            else tokens[first].start
        )
        matches.append(Match(first, last, start, tokens[last - 1].end, ids, sentences[first]))
        i = last
    return matches, leftovers


def fuzzy_candidate(gazetteer, tokens: list[Token], i: int) -> bool:
    """An unknown capitalised word right after a place preposition ('in Kafr Nboudeh')."""
    word = tokens[i].text
    if len(word) < MIN_FUZZY_LENGTH or not word[0].isupper() or word.isupper():
        return False
    folded = fold(word)
    if (
        folded in gazetteer.not_places
        or folded in gazetteer.english_words
        or word.lower() in gazetteer.demonyms
    ):
        return False
    return cue_before(words_before(tokens, i))[0].get("preposition", False)


def fuzzy_matches(
    gazetteer, text, tokens, keys, leftovers, sentences, context: Context
) -> list[Match]:
    """Leftover words matched by edit distance against the names of the article's main country."""
    focus = max(context.countries, key=context.countries.get, default=None)
    if not leftovers or focus not in gazetteer.loose_country_names:
        return []
    choices = gazetteer.country_keys(focus)
    found = []
    for i in leftovers:
        best = process.extractOne(
            keys[i], choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, processor=None
        )
        if best:
            ids = tuple(gazetteer.candidates(best[0]))
            found.append(Match(i, i + 1, tokens[i].start, tokens[i].end, ids, sentences[i]))
    return found


def attached_article(text, tokens, articles, first) -> bool:
    article = tokens[first - 1]
    return articles[first - 1] and (
        article.text[0].isupper()
        or article.text.lower() in ("al", "el")
        or text[article.end] == "-"
    )


def content_run(text, tokens, articles, i, limit) -> list[int]:
    """Indices of up to ``limit`` name words from token i on, skipping articles, stopping at punctuation."""
    run = [i]
    j = i
    while len(run) < limit and j + 1 < len(tokens) and joined(text, tokens, j):
        j += 1
        if not articles[j]:
            run.append(j)
    return run


def match_at(gazetteer, text, tokens, keys, articles, i) -> tuple[int, int, tuple[int, ...]] | int:
    """(first, last, candidate ids) of the longest name starting at token i, or how many tokens to skip."""
    if articles[i] or not may_start_name(gazetteer, tokens, i):
        return 1
    person = person_length(gazetteer, text, tokens, articles, i)
    if person:
        return person
    run = content_run(text, tokens, articles, i, gazetteer.first_token_span.get(keys[i], 1))
    for size in range(len(run), 0, -1):
        key = " ".join(keys[j] for j in run[:size])
        if key in gazetteer.blocked_keys:
            return run[size - 1] + 1 - i
        ids = gazetteer.candidates(key) or gazetteer.candidates(
            fused_article_key(gazetteer, tokens, keys, run[:size])
        )
        if ids and (size > 1 or acceptable_single(gazetteer, tokens[i].text, ids)):
            return i, run[size - 1] + 1, tuple(ids)
    return possessive_match(gazetteer, tokens, i) or 1


def fused_article_key(gazetteer, tokens, keys, run: list[int]) -> str:
    """The key with the last word's article split off: 'Maarat Alnouman' = 'Maarat al-Nouman'."""
    last = tokens[run[-1]].text
    if len(run) < 2 or len(last) < 6 or last[:2].lower() not in ("al", "el"):
        return ""
    return " ".join([*(keys[j] for j in run[:-1]), gazetteer.token_key(last[2:])])


def may_start_name(gazetteer, tokens, i) -> bool:
    """Capitalised (or Arabic) words start names; lowercase ones only right after in/near."""
    word = tokens[i].text
    capital = word[0].isupper() or is_arabic(word[0])
    if not capital and (i == 0 or tokens[i - 1].text.lower() not in ("in", "near")):
        return False
    folded = fold(word)
    if capital:
        return folded not in gazetteer.function_words
    return not (
        folded in gazetteer.function_words
        or folded in gazetteer.english_words
        or folded in gazetteer.not_places
    )


def acceptable_single(gazetteer, word: str, ids: list[int]) -> bool:
    """One word: no stopword or demonym; an acronym ('UK', 'SANA') only when a country is so named;
    an English word ('Show', 'Mare') only when it is exactly the name of a big place."""
    folded = fold(word)
    if folded in gazetteer.not_places or word.lower() in gazetteer.demonyms:
        return False
    if word.isupper() and 1 < len(word) <= 4:
        return any(
            gazetteer.place(i).feature == "country" and spelling(word) in gazetteer.spellings(i)
            for i in ids[:5]
        )
    if folded in gazetteer.english_words:
        exact = (i for i in ids[:20] if spelling(word) in gazetteer.spellings(i))
        return any(is_regional_town(gazetteer, gazetteer.place(i)) for i in exact)
    if word.islower():
        return any(is_town_or_more(p) for p in map(gazetteer.place, ids[:20]))
    return True


def is_regional_town(gazetteer, place: Place) -> bool:
    """A country or province, or a town of the Middle East: 'Turkey', 'Mare' (Aleppo), not 'Reading'."""
    return place.feature in BIG_FEATURES or (
        is_town_or_more(place) and place.country in gazetteer.loose_country_names
    )


def is_town_or_more(place: Place) -> bool:
    return place.population >= 10_000 or place.feature in ("admin1", "country")


def possessive_match(gazetteer, tokens, i) -> tuple[int, int, tuple[int, ...]] | None:
    """'Syrias', 'Aleppos' (texts that lost their apostrophes): big places only."""
    word = tokens[i].text
    if len(word) < 5 or not word.endswith("s") or not word[0].isupper():
        return None
    stem = gazetteer.token_key(word[:-1])
    if stem in gazetteer.blocked_keys:
        return None
    ids = [j for j in gazetteer.candidates(stem) if is_big(gazetteer.place(j))]
    return (i, i + 1, tuple(ids)) if ids else None


def is_big(place: Place) -> bool:
    return place.population >= 50_000 or place.feature in ("country", "admin1")


def person_length(gazetteer, text, tokens, articles, i) -> int:
    """Tokens of a person's name starting at i ('President Bashar al-Assad', 'Mohammed Hassan')."""
    previous = tokens[i - 1].text.lower().rstrip(".") if i else ""
    given = (
        tokens[i].text.lower() in gazetteer.given_names
        and i + 1 < len(tokens)
        and joined(text, tokens, i)
    )
    if previous not in TITLES and not (given and tokens[i + 1].text[0].isupper()):
        return 0
    j = i + 1
    while j < len(tokens) and joined(text, tokens, j - 1) and name_word(tokens[j].text):
        j += 1
    return j - i


def name_word(word: str) -> bool:
    return word[0].isupper() or word.lower() in PERSON_CONNECTORS


# ---------------------------------------------------------------- context


def country_votes(gazetteer, matches: list[Match], cues: list[Cue]) -> Counter:
    """Countries named, or holding a big place or the only candidates of a name spelled exactly.
    Loose matches do not vote: they would vote for their own far-away namesakes."""
    votes: Counter = Counter()
    for match, cue in zip(matches, cues, strict=True):
        exact = [i for i in match.ids[:MAX_SCORED] if cue.spelling in gazetteer.spellings(i)]
        places = [gazetteer.place(i) for i in exact]
        if places and (is_big(places[0]) or len({p.country for p in places}) == 1):
            votes[places[0].country] += 1
    return votes


def demonym_votes(gazetteer, tokens: list[Token]) -> Counter:
    votes: Counter = Counter()
    for token in tokens:
        code = gazetteer.demonyms.get(token.text.lower())
        if code and token.text[0].isupper():
            votes[gazetteer.countries[code].name] += 1
    return votes


def shares(counter: Counter) -> dict[str, float]:
    total = sum(counter.values())
    return {k: v / total for k, v in counter.items()} if total else {}


def first_context(gazetteer, tokens, matches, cues, country: str | None) -> Context:
    votes = country_votes(gazetteer, matches, cues) + demonym_votes(gazetteer, tokens)
    if country:
        votes[country] += max(1.0, sum(votes.values()) / 2)
    if not votes:  # nothing settles the country: the conflicts this gazetteer is made for
        votes.update({gazetteer.countries[c].name: 1 for c in DEFAULT_FOCUS})
    local: dict[int, list[tuple[int, str]]] = {}
    for match in matches:
        for place in map(gazetteer.place, match.ids):
            if place.feature == "admin1":
                local.setdefault(match.sentence, []).append((match.first, place.admin1))
    return Context(shares(votes), {}, {k: tuple(v) for k, v in local.items()})


def local_provinces(match: Match, context: Context) -> frozenset[str]:
    """Provinces named by the other names of the match's sentence."""
    return frozenset(
        a for first, a in context.local_admin1.get(match.sentence, ()) if first != match.first
    )


def refine_context(gazetteer, matches, cues, context: Context) -> Context:
    """Second pass: provinces of the places resolved in the first pass."""
    provinces: Counter = Counter()
    for match, cue in zip(matches, cues, strict=True):
        if len(match.ids) == 1:  # nothing to rank
            place, value = gazetteer.place(match.ids[0]), 1.0
        else:
            _, place, value = ranked(gazetteer, match, cue, context)[0]
        if place.admin1 and place.feature != "country":
            provinces[place.admin1] += max(value, 0.0)
    return Context(context.countries, shares(provinces), context.local_admin1)


# ---------------------------------------------------------------- resolution


def feature_fit(place: Place, cue: Cue) -> float:
    """How well the candidate's kind fits the words around it."""
    if place.feature == "country":
        return 0.5
    if cue.wants_admin1:
        return 1.0 if place.feature == "admin1" else -0.5
    if cue.wants_admin2:
        return 1.0 if place.feature == "admin2" else 0.0
    return PLAIN_FIT.get(place.feature, 0.0)


def score(place: Place, cue: Cue, context: Context, local: frozenset[str]) -> float:
    value = W_COUNTRY * context.countries.get(place.country, 0.0)
    value += W_LOCAL_ADMIN1 * (place.admin1 in local and place.feature in ("populated", "area"))
    value += W_ADMIN1 * context.admin1.get(place.admin1, 0.0)
    value += W_POPULATION * min(1.0, math.log10(place.population + 1) / 6)
    return value + W_FEATURE * feature_fit(place, cue)


def ranked(gazetteer, match: Match, cue: Cue, context: Context) -> list[tuple[int, Place, float]]:
    """(row id, place, score) of the candidates, best first; a geonameid counts once. The
    leaders get a bonus when the text spells one of their names exactly."""
    local = local_provinces(match, context)
    seen, scored = set(), []
    for row_id in focus_first(gazetteer, match.ids, context):
        place = gazetteer.place(row_id)
        identity = (place.geonameid, place.feature) if place.geonameid else row_id
        if identity not in seen:
            seen.add(identity)
            scored.append((row_id, place, score(place, cue, context, local)))
    scored = [
        (i, p, round(s + W_EXACT * (cue.spelling in gazetteer.spellings(i)), 4))
        for i, p, s in scored
    ]
    return sorted(scored, key=lambda triple: -triple[2])


def focus_first(gazetteer, ids: tuple[int, ...], context: Context) -> list[int]:
    """At most MAX_SCORED candidates, those in the article's countries first."""
    if len(ids) <= MAX_SCORED:
        return list(ids)
    inside = [i for i in ids if context.countries.get(gazetteer.place(i).country, 0.0) > 0]
    return (inside + [i for i in ids if i not in set(inside)])[:MAX_SCORED]


def plausible(
    gazetteer, row_id: int, place: Place, match: Match, cue: Cue, context: Context
) -> bool:
    """Loose (transliteration) matches only in the article's countries of the Middle East, and for
    small villages only with support: a multi-word name, 'in'/'near', or the province named in
    the same sentence."""
    exact = cue.spelling in gazetteer.spellings(row_id)
    loose_ok = place.country in gazetteer.loose_country_names
    if context.countries.get(place.country, 0.0) == 0 or not (exact or loose_ok):
        return exact and (
            place.population >= MIN_POPULATION_ANYWHERE
            or place.feature in BIG_FEATURES
            or cue.preposition
        )
    if place.feature != "populated" or place.population >= 1000 or exact or cue.preposition:
        return True
    return match.last - match.first > 1 or place.admin1 in local_provinces(match, context)


def precision_of(place: Place, cue: Cue) -> int:
    if place.feature in ("country", "admin1"):
        return 3
    if place.feature in ("admin2", "area") or cue.relative or cue.wants_admin1:
        return 2
    return 1


def resolve(gazetteer, text: str, match: Match, cue: Cue, context: Context) -> PlaceMention | None:
    """The best plausible candidate of a name, or None when no candidate is plausible."""
    scored = ranked(gazetteer, match, cue, context)
    for rank, (row_id, place, best) in enumerate(scored[:5]):
        if plausible(gazetteer, row_id, place, match, cue, context):
            others = scored[:rank] + scored[rank + 1 : 6]
            return PlaceMention(
                span=Span.of(text, match.start, match.end),
                place=place,
                precision=precision_of(place, cue),
                phrase=place.name,
                raw=text[cue.start : cue.end],
                alternatives=tuple((p, s) for _, p, s in others),
                score=best,
            )
    return None
