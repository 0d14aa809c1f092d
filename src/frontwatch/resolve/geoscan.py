"""Step 1 of geoparsing: finding the names of places among a text's words.

Longest match of gazetteer name keys over the words; capitalised (or Arabic) words
start names, lowercase ones only right after "in"/"near". Blocked phrases
(organisations, people), person names, common English words and demonyms are
skipped. Unknown capitalised words right after a place preposition are kept as
leftovers for edit-distance matching. Speed matters here: the loop looks at every
word of every article, so lowercase words are passed over before any call.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from frontwatch.resolve.namecues import (
    fragment,
    gate,
    head_of_compound,
    is_big,
    landmark,
    locative_before,
    person_length,
    person_trigger,
    stands_as_place,
    strong_locative_before,
)
from frontwatch.resolve.placenames import (
    Token,
    cue_before,
    is_article,
    joined,
    words_before,
)

MIN_FUZZY_LENGTH = 5  # shorter unknown words are not compared by edit distance
LOWERCASE_STARTERS = frozenset({"in", "near"})  # a lowercase name only after these
NAME_TAILS = frozenset({"countryside", "city", "camp"})  # lowercase words inside names
SURROUNDINGS = frozenset({"suburb", "suburbs", "countryside", "outskirts"})
_BREAK_RE = re.compile(r"[.!?\n]")
_GLUED_DIRECTION = re.compile(r"([A-Z][a-z]{3,}?)(?:north|south|east|west)(?:ern)?")


@dataclass(frozen=True, slots=True)
class Match:
    """A name found by the scan, before resolution."""

    first: int  # token indices [first, last)
    last: int
    start: int  # character offsets of the name
    end: int
    ids: tuple[int, ...]
    sentence: int
    fragment: bool = False  # looks like a piece of a longer person/organisation/place name
    article: bool = False  # an article was written before it ('al-Bab', not 'Bab')
    head: bool = False  # followed by an 'al-X' it did not take ('Bab al-Salama')
    english: bool = False  # an English word taken as a town only after 'in'/'town of' ('Mocha')


def starts_capital(word: str) -> bool:
    first = word[0]
    return first.isupper() or "\u0600" <= first <= "\u06ff"


def sentence_breaks(text: str) -> list[int]:
    """Offsets of the sentence-breaking characters (. ! ? line break). These never occur inside
    a word, so two words share a sentence exactly when no break lies between them."""
    return [m.start() for m in _BREAK_RE.finditer(text)]


def sentence_of(breaks: list[int], start: int) -> int:
    """A sentence number: equal for the words of one sentence, different across sentences."""
    return bisect_left(breaks, start)


def scan(gazetteer, text: str, tokens: list[Token]) -> tuple[list[Match], list[int]]:
    """Names found, and the capitalised words left over after a place preposition (for fuzzy matching)."""
    matches, leftovers, breaks = [], [], sentence_breaks(text)
    free = 0  # tokens before ``free`` belong to a name, a person or a skipped phrase
    named = 0  # tokens before ``named`` were read as part of a place name or a person
    compound = -1  # the token after the head of a compound ('Bab' al-'Salama')
    for i in name_starts(tokens):
        if i < free:
            continue
        found = match_at(gazetteer, text, tokens, i, named)
        named_before = named
        if isinstance(found, int):
            if found == 1 and fuzzy_candidate(gazetteer, tokens, i):
                leftovers.append(i)
            free = i + found
            named = free if found > 1 else named
            continue
        free = named = found[1]
        if landmark(text, tokens, found[1]):  # 'Umayyad Square': a street, not the place
            continue
        if gate(text, tokens, found[0], found[1]):  # 'Bab Tadmor': a gate, neither town
            free = named = found[1] + 1
            continue
        match = new_match(gazetteer, text, tokens, found, named_before, compound, breaks)
        compound = match.last + 1 if match.head else -1  # 'Bab al-Salama': al-Salama is Bab's
        matches.append(match)
    return unknown_compounds(matches), leftovers


def new_match(gazetteer, text, tokens, found, named, compound, breaks) -> Match:
    """The match of a name found at tokens [first, last), with what its neighbours say."""
    first, last, ids = found
    article = bool(first) and attached_article(text, tokens, first)
    piece = fragment(gazetteer, text, tokens, first, last, named) or first == compound
    word = tokens[first].text
    english = last - first == 1 and is_english(gazetteer, word)
    return Match(
        first=first,
        last=last,
        start=tokens[first - 1 if article else first].start,
        end=tokens[last - 1].end,
        ids=ids,
        sentence=sentence_of(breaks, tokens[first].start),
        fragment=piece,
        article=article,
        head=head_of_compound(text, tokens, first, last),
        english=english and not acceptable_single(gazetteer, word, ids),
    )


def unknown_compounds(matches: list[Match]) -> list[Match]:
    """A head whose 'al-X' is no place either is the head of an unknown name ('Jund al-Aqsa');
    a head followed by a place is an item of a list ('Talbisa al-Rastan')."""
    starts = {m.first for m in matches}
    return [
        replace(m, fragment=True) if m.head and m.last + 1 not in starts else m for m in matches
    ]


def name_starts(tokens: list[Token]) -> list[int]:
    """Indices of the words that may start a name: capitalised or Arabic ones, and any word
    right after "in"/"near". One comprehension: this looks at every word of every article."""
    after_starter = {i + 1 for i, t in enumerate(tokens) if t.text.lower() in LOWERCASE_STARTERS}
    return [
        i
        for i, token in enumerate(tokens)
        if token.text[0].isupper() or "\u0600" <= token.text[0] <= "\u06ff" or i in after_starter
    ]


def fuzzy_candidate(gazetteer, tokens: list[Token], i: int) -> bool:
    """An unknown capitalised word right after a place preposition ('in Kafr Nboudeh')."""
    word = tokens[i].text
    if len(word) < MIN_FUZZY_LENGTH or not word[0].isupper() or word.isupper():
        return False
    folded = gazetteer.fold(word)
    if (
        folded in gazetteer.not_places
        or folded in gazetteer.english_vocabulary
        or folded in gazetteer.english_words
        or word.lower() in gazetteer.demonyms
        or gazetteer.token_key(word) in gazetteer.blocked_keys
    ):
        return False
    return cue_before(words_before(tokens, i))[0].get("preposition", False)


def attached_article(text: str, tokens: list[Token], first: int) -> bool:
    article = tokens[first - 1]
    return is_article(text, tokens, first - 1) and (
        article.text[0].isupper()
        or article.text.lower() in ("al", "el")
        or text[article.end] == "-"
    )


def content_run(gazetteer, text: str, tokens: list[Token], i: int, limit: int) -> list[int]:
    """Indices of up to ``limit`` name words from token i on, skipping articles, stopping at
    punctuation, at a function word ('Daraa Two citizens') and, after a capitalised first
    word, at a lowercase one ('UN said')."""
    run = [i]
    j = i
    capital = starts_capital(tokens[i].text)
    while len(run) < limit and j + 1 < len(tokens) and joined(text, tokens, j):
        j += 1
        if is_article(text, tokens, j):
            continue
        word = tokens[j].text
        lowercase_tail = capital and not starts_capital(word) and word.lower() not in NAME_TAILS
        if lowercase_tail or gazetteer.fold(word) in gazetteer.function_words:
            break
        run.append(j)
    return run


def match_at(gazetteer, text, tokens, i, named=0) -> tuple[int, int, tuple[int, ...]] | int:
    """(first, last, candidate ids) of the longest name starting at token i, or how many tokens
    to skip (a person's name is skipped whole: 'Abu Yazan al-Noiami')."""
    if is_article(text, tokens, i) or not may_start_name(gazetteer, tokens, i):
        return 1
    trigger = person_trigger(gazetteer, text, tokens, i)
    if trigger == "title":
        return person_length(text, tokens, i)
    found = place_at(gazetteer, text, tokens, i, named)
    if trigger and not stands_as_place(gazetteer, text, tokens, i, found, trigger):
        return person_length(text, tokens, i)
    return found


def place_at(gazetteer, text, tokens, i, named=0) -> tuple[int, int, tuple[int, ...]] | int:
    """The longest place name starting at token i, or how many tokens to skip."""
    if around := demonym_area(gazetteer, tokens, i):
        return around
    token_key = gazetteer.token_key
    first_key = token_key(tokens[i].text)
    span = gazetteer.first_token_span.get(first_key)
    if span is None and not gazetteer.has_key(first_key):  # most capitalised words: no name
        return possessive_match(gazetteer, tokens, i) or glued_direction(gazetteer, tokens, i) or 1
    run = content_run(gazetteer, text, tokens, i, span or 1)
    keys = [first_key, *(token_key(tokens[j].text) for j in run[1:])]
    for size in range(len(run), 0, -1):
        key = " ".join(keys[:size])
        if key in gazetteer.blocked_keys:
            return run[size - 1] + 1 - i
        ids = gazetteer.candidates(key) or gazetteer.candidates(
            fused_article_key(gazetteer, tokens, keys[:size], run[size - 1])
        )
        if ids and size == 1 and not single_in_context(gazetteer, text, tokens, i, ids, named):
            ids = english_town_ids(gazetteer, tokens, i, ids)
        if ids and size == 1 and (owner := loose_possessive(gazetteer, tokens[i].text, ids)):
            return i, i + 1, owner
        if ids:
            return i, run[size - 1] + 1, ids
    return possessive_match(gazetteer, tokens, i) or 1


def demonym_area(gazetteer, tokens, i) -> tuple[int, int, tuple[int, ...]] | None:
    """'a Damascan suburb town', 'the Aleppan countryside': a city's demonym before a word
    for its surroundings names the city (the cue after it makes the mention relative)."""
    ids = gazetteer.city_demonyms.get(tokens[i].text.lower())
    following = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
    return (i, i + 1, ids) if ids and following in SURROUNDINGS else None


def single_in_context(gazetteer, text, tokens, i, ids, named) -> bool:
    """A one-word name in its words. A given name ('Rami said'), an English word in a title
    ('Airstrikes Hit MSF Hospital') or a loose spelling next to an unknown capitalised word
    ('Russian Sukhoi', 'Egon Schiele') is a place only after 'in'/'near'/'town of'; tokens
    before ``named`` belong to places or people already read."""
    word = tokens[i].text
    if not acceptable_single(gazetteer, word, ids):
        return False
    after_word = (
        i > 0 and i - 1 >= named and capital_neighbour(gazetteer, text, tokens, i - 1, i - 1)
    )
    before_word = i + 1 < len(tokens) and capital_neighbour(gazetteer, text, tokens, i + 1, i)
    doubtful = (
        word.lower() in gazetteer.given_names
        or (after_word and gazetteer.fold(word) in gazetteer.english_words)
        or ((after_word or before_word) and not spelled_exactly(gazetteer, word, ids))
    )
    return not doubtful or locative_before(tokens, i)


def is_english(gazetteer, word: str) -> bool:
    return gazetteer.fold(word) in gazetteer.english_words


def english_town_ids(gazetteer, tokens, i, ids) -> tuple[int, ...]:
    """An English word that is also the exact name of a town of the Middle East ('Mocha',
    'Hays') right after 'in'/'near'/'town of': those towns; resolution then wants the
    article to be about the town's country (:func:`georesolve.plausible`)."""
    word = tokens[i].text
    if (
        not is_english(gazetteer, word)
        or word.lower() in gazetteer.given_names
        or not strong_locative_before(tokens, i)
    ):
        return ()
    spelled = gazetteer.spelling(word)
    return tuple(
        j
        for j in ids[:20]
        if spelled in gazetteer.spellings(j)
        and gazetteer.place(j).country in gazetteer.loose_country_names
    )


def capital_neighbour(gazetteer, text, tokens, j, gap) -> bool:
    """Token j, next to a one-word name across the gap after token ``gap``, is a capitalised
    word that starts no place name, or a demonym."""
    word = tokens[j].text
    if not joined(text, tokens, gap) or not starts_capital(word):
        return False
    if gazetteer.fold(word) in gazetteer.function_words:
        return False
    if word.lower() in gazetteer.demonyms:  # 'Russian Sukhoi'
        return True
    key = gazetteer.token_key(word)
    return not gazetteer.has_key(key) and key not in gazetteer.first_token_span


def spelled_exactly(gazetteer, word: str, ids: tuple[int, ...]) -> bool:
    spelled = gazetteer.spelling(word)
    return any(spelled in gazetteer.spellings(row_id) for row_id in ids[:20])


def fused_article_key(gazetteer, tokens, keys: list[str], last: int) -> str:
    """The key with the last word's article split off: 'Maarat Alnouman' = 'Maarat al-Nouman'."""
    word = tokens[last].text
    if len(keys) < 2 or len(word) < 6 or word[:2].lower() not in ("al", "el"):
        return ""
    return " ".join([*keys[:-1], gazetteer.token_key(word[2:])])


def may_start_name(gazetteer, tokens, i) -> bool:
    """Capitalised (or Arabic) words start names; lowercase ones only right after in/near."""
    word = tokens[i].text
    folded = gazetteer.fold(word)
    if starts_capital(word):  # 'ISs', 'TurkishSyrian': no name has capitals inside
        return folded not in gazetteer.function_words and not inner_capital(word)
    return not (
        folded in gazetteer.function_words
        or folded in gazetteer.english_words
        or folded in gazetteer.not_places
    )


def inner_capital(word: str) -> bool:
    rest = word[1:]
    return rest != rest.lower() and not word.isupper()


def acceptable_single(gazetteer, word: str, ids: tuple[int, ...]) -> bool:
    """One word: no stopword or demonym; two letters ('Su-34', 'De Mistura') or an acronym
    ('UK', 'SANA') only when a country is so named; capitals ('BEIRUT', 'DAILY SABAH') only
    spelled exactly; an English word ('Show', 'Mare') only as the exact name of a big place."""
    folded = gazetteer.fold(word)
    if folded in gazetteer.not_places or word.lower() in gazetteer.demonyms:
        return False
    if len(word) <= 2 or (word.isupper() and len(word) <= 4):
        countries = tuple(i for i in ids[:5] if gazetteer.row_feature(i) == "country")
        return word.isupper() and spelled_exactly(gazetteer, word, countries)
    if word.isupper():
        return spelled_exactly(gazetteer, word, ids)
    if folded in gazetteer.english_words:
        spelled = gazetteer.spelling(word)
        exact = (i for i in ids[:20] if spelled in gazetteer.spellings(i))
        return any(is_regional_town(gazetteer, gazetteer.place(i)) for i in exact)
    if word.islower():
        return any(is_town_or_more(p) for p in map(gazetteer.place, ids[:20]))
    return True


def is_regional_town(gazetteer, place) -> bool:
    """A country, or a province or town of the Middle East: 'Turkey', 'Mare' (Aleppo), not
    'Reading' nor 'Central' (a province of the Philippines)."""
    return place.feature == "country" or (
        place.country in gazetteer.loose_country_names
        and (place.feature == "admin1" or is_town_or_more(place))
    )


def is_town_or_more(place) -> bool:
    return place.population >= 10_000 or place.feature in ("admin1", "country")


def possessive_match(gazetteer, tokens, i) -> tuple[int, int, tuple[int, ...]] | None:
    """'Syrias', 'Aleppos' (texts that lost their apostrophes): big places only."""
    word = tokens[i].text
    if len(word) < 5 or not word.endswith("s") or not word[0].isupper():
        return None
    if gazetteer.fold(word) in gazetteer.not_places:  # 'Hamas' is no Hamm
        return None
    stem = gazetteer.token_key(word[:-1])
    if stem in gazetteer.blocked_keys:
        return None
    ids = tuple(j for j in gazetteer.candidates(stem) if is_big(gazetteer.place(j)))
    if english_plural(gazetteer, word):  # 'Missiles' shares a key with Mosul, not a spelling
        spelled = gazetteer.spelling(word[:-1])
        ids = tuple(j for j in ids if spelled in gazetteer.spellings(j))
    return (i, i + 1, ids) if ids else None


def loose_possessive(gazetteer, word: str, ids: tuple[int, ...]) -> tuple[int, ...]:
    """'Daraas Manshiyah district': a word spelled as no place it may stand for ('Daryus')
    but as the possessive of a big place ('Daraa'): the big places so spelled."""
    if not word.endswith("s") or len(word) < 5 or spelled_exactly(gazetteer, word, ids):
        return ()
    stem = gazetteer.spelling(word[:-1])
    return tuple(
        j
        for j in gazetteer.candidates(gazetteer.token_key(word[:-1]))[:20]
        if stem in gazetteer.spellings(j) and is_big(gazetteer.place(j))
    )


def english_plural(gazetteer, word: str) -> bool:
    """An English word or the plural of one: no loose spelling of a place."""
    vocabulary = gazetteer.english_vocabulary
    return any(
        gazetteer.fold(w) in gazetteer.english_words or gazetteer.fold(w) in vocabulary
        for w in (word, word[:-1])
    )


def glued_direction(gazetteer, tokens, i) -> tuple[int, int, tuple[int, ...]] | None:
    """'near Kobaninorth Syria' (a text that lost the comma or line break before a compass
    word): a big place glued to 'north', 'south', 'east' or 'west'."""
    word = tokens[i].text
    glued = _GLUED_DIRECTION.fullmatch(word)
    if glued is None or english_plural(gazetteer, word) or is_english(gazetteer, glued[1]):
        return None
    stem = gazetteer.token_key(glued[1])
    if stem in gazetteer.blocked_keys:
        return None
    ids = tuple(j for j in gazetteer.candidates(stem) if is_big(gazetteer.place(j)))
    return (i, i + 1, ids) if ids else None
