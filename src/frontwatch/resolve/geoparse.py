"""Finding place names in a text and resolving them in the context of the whole article.

Three steps, all pure given a loaded :class:`~frontwatch.resolve.gazetteer.Gazetteer`:

1. scan (:mod:`geoscan`): longest-match of name keys over the words, capitalised
   names only (lowercase only right after "in"/"near"), skipping blocked phrases
   (organisations, people), person names and fragments of unknown longer names
   (:mod:`namecues`) and common words;
2. cues: the words around each name ("near X", "south of X", "X province",
   "southern X countryside") set the wanted feature and the precision;
3. resolve (:mod:`georesolve`): every candidate is scored on the article's country
   focus, the provinces named in the same sentence and in the article, feature fit
   and population; the best plausible one wins, the others are kept as alternatives;
4. the article as a whole (:mod:`discourse`): "X in Y" puts X inside Y, and a name
   written twice is one town;
5. words left over after "in"/"near"/"town of" are matched by edit distance against
   the names of the article's country (here).

Speed: about 3,000 sentences a second on one core on the first pass over new text
(``make bench``); the per-row work is done at build time and the per-word work is
memoised by the gazetteer.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from frontwatch.resolve.discourse import contained, one_place_per_name
from frontwatch.resolve.georesolve import (
    MAX_SCORED,
    Candidate,
    Context,
    PlaceMention,
    best,
    candidates,
    resolve,
)
from frontwatch.resolve.geoscan import (
    Match,
    fuzzy_candidate,
    is_big,
    scan,
    sentence_breaks,
    sentence_of,
)
from frontwatch.resolve.placenames import Cue, Token, fold, read_cues, tokenize

__all__ = ["PlaceMention", "find_places"]

DEFAULT_FOCUS = ("SY", "IQ", "YE")
FUZZY_CUTOFF = 85  # rapidfuzz ratio of a leftover word's key to a place key
SPELLING_SIMILARITY = 0.85  # ... and of the word to one of the place's names (OSA distance)
FUZZY_KEYS = 5  # closest keys whose places are compared by spelling


# ---------------------------------------------------------------- the steps


def find_places(gazetteer, text: str, country: str | None = None) -> list[PlaceMention]:
    """All place mentions of an article, in text order; ``country`` hints the focus when the text is thin."""
    code = gazetteer.country_code(country) if country else None
    country = gazetteer.countries[code].name if code else None
    tokens = tokenize(text)
    matches, leftovers = scan(gazetteer, text, tokens)
    spell = gazetteer.spelling
    cues = [read_cues(text, tokens, m.first, m.last, m.start, m.end, spell) for m in matches]
    context = first_context(gazetteer, tokens, matches, cues, country)
    pools = [candidates(gazetteer, m, c, context) for m, c in zip(matches, cues, strict=True)]
    context = refine_context(matches, pools, context)
    resolved = [resolve(text, *found, context) for found in zip(matches, cues, pools, strict=True)]
    resolved = contained(text, tokens, matches, cues, pools, resolved, context)
    resolved = one_place_per_name(text, matches, cues, pools, resolved, context)
    leftovers += unresolved_words(gazetteer, tokens, matches, resolved)
    mentions = [m for m in resolved if m] + fuzzy_mentions(
        gazetteer, text, tokens, leftovers, context
    )
    return sorted(mentions, key=lambda m: m.span.start)


def unresolved_words(gazetteer, tokens, matches, resolved) -> list[int]:
    """One-word names whose namesakes are all implausible: misspellings of other places?"""
    return [
        match.first
        for match, mention in zip(matches, resolved, strict=True)
        if not mention
        and match.last - match.first == 1
        and fuzzy_candidate(gazetteer, tokens, match.first)
    ]


def fuzzy_mentions(gazetteer, text, tokens, leftovers, context: Context) -> list[PlaceMention]:
    found = []
    for match in fuzzy_matches(gazetteer, text, tokens, leftovers, context):
        cue = read_cues(
            text, tokens, match.first, match.last, match.start, match.end, gazetteer.spelling
        )
        mention = resolve(text, match, cue, candidates(gazetteer, match, cue, context), context)
        found += [mention] if mention else []
    return found


def fuzzy_matches(gazetteer, text, tokens, leftovers, context: Context) -> list[Match]:
    """Leftover words matched by edit distance against the names of the article's main country:
    close name keys first, then only the places one of whose spellings is close too (keys fold
    vowels away: 'Mondays' and 'Al Manas' share most of a key, not a spelling)."""
    focus = max(context.countries, key=context.countries.get, default=None)
    if not leftovers or focus not in gazetteer.loose_country_names:
        return []
    breaks = sentence_breaks(text)
    found = []
    for i in leftovers:
        ids = fuzzy_ids(gazetteer, focus, tokens[i].text)
        if ids:
            sentence = sentence_of(breaks, tokens[i].start)
            found.append(Match(i, i + 1, tokens[i].start, tokens[i].end, ids, sentence))
    return found


def fuzzy_ids(gazetteer, country: str, word: str) -> tuple[int, ...]:
    """Rows of the country with a name key close to the word's key and a name spelled within
    one edit in seven of the word (keys fold vowels away: 'Mondays' and 'Al Manas' share most
    of a key; 'Sarqaib' and 'Saraqib' are one transposition apart)."""
    key, plain = gazetteer.token_key(word), fold(word)
    code = gazetteer.codes_by_name.get(country, country)
    close_keys = process.extract(
        key,
        gazetteer.fuzzy_choices(country, key, FUZZY_CUTOFF),
        scorer=fuzz.ratio,
        score_cutoff=FUZZY_CUTOFF,
        limit=FUZZY_KEYS,
        processor=None,
    )
    return tuple(
        row_id
        for close, _, _ in close_keys
        if close != key  # the word's own namesakes were tried already
        for row_id in gazetteer.candidates(close)
        if gazetteer.row_country(row_id) == code
        and any(
            OSA.normalized_similarity(plain, name) >= SPELLING_SIMILARITY
            for name in gazetteer.plain_names(row_id)
        )
    )


# ---------------------------------------------------------------- context


def country_votes(gazetteer, matches: list[Match], cues: list[Cue]) -> Counter:
    """Countries named, or holding a big place or the only candidates of a name spelled exactly.
    Loose matches do not vote: they would vote for their own far-away namesakes."""
    votes: Counter = Counter()
    for match, cue in zip(matches, cues, strict=True):
        exact = [i for i in match.ids[:MAX_SCORED] if cue.spelling in gazetteer.spellings(i)]
        if not exact:
            continue
        places = [gazetteer.place(i) for i in exact]
        if is_big(places[0]) or len({p.country for p in places}) == 1:
            votes[places[0].country] += 1
    return votes


def demonym_votes(gazetteer, tokens: list[Token]) -> Counter:
    votes: Counter = Counter()
    demonyms = gazetteer.demonyms
    for token in tokens:
        if token.text[0].isupper():
            code = demonyms.get(token.text.lower())
            if code:
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
        for admin1 in gazetteer.provinces_among(match.ids):
            local.setdefault(match.sentence, []).append((match.first, admin1))
    codes = frozenset(gazetteer.codes_by_name.get(name, name) for name in votes)
    countries = shares(votes)
    local_tuples = {k: tuple(v) for k, v in local.items()}
    return Context(countries, max(countries.values()), codes, {}, local_tuples)


def refine_context(matches: list[Match], pools: list[list[Candidate]], context: Context) -> Context:
    """Second pass: provinces of the places resolved in the first pass."""
    provinces: Counter = Counter()
    for match, pool in zip(matches, pools, strict=True):
        if not pool:
            continue
        if len(match.ids) == 1:  # nothing to rank
            place, value = pool[0].place, 1.0
        else:
            candidate, value = best(match, pool, context)
            place = candidate.place
        if place.admin1 and place.feature != "country":
            provinces[place.admin1] += max(value, 0.0)
    return Context(
        context.countries, context.top, context.codes, shares(provinces), context.local_admin1
    )
