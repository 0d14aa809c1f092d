"""Is a name found by the scan really a place, or part of a person's or an organisation's name?

Cues from the words around it, all pure:

- a person starts at a title ("President", "Mr"), at a given name or a kunya ("Abu", "Umm",
  "Abd") before another capitalised word, or at two capitalised words right after a speech
  verb ("said Zakaria Malahifji"); a place name starting there still wins when it is long and
  big, or introduced by "in"/"near"/"village of", or when its second word is no given name
  ("Abu Kamal", "Abu Jurayf"; but "Abu Hassan" is a person);
- a fragment of a longer name the gazetteer does not know: "Sawaiq al-Rahman" (an unknown
  capitalised word before "al-Rahman"), "Bustan al-Qasr" (a name followed by an "al-X" that
  the longest match did not take), "al-Rahman Brigade" (an organisation noun after). Only a
  big place (a country, a province, a city) may stand for a fragment.
"""

from __future__ import annotations

from frontwatch.resolve.placenames import (
    TOWN_NOUNS,
    Token,
    cue_before,
    is_article,
    joined,
    word_set,
    words_before,
)

TITLES = word_set(
    "president minister mr mrs ms dr general gen colonel col lieutenant lt major maj brigadier brig captain capt sergeant commander spokesman spokeswoman ambassador envoy secretary senator king prince emir imam ayatollah premier chancellor mayor governor sheikh shaykh"
)
KUNYA = word_set("abu abou umm um abd abdel abdul abdal bin ibn")
STRONG_PREPOSITIONS = word_set("in near")
SPEECH_VERBS = word_set("said says told tells added adds explained stated")
PERSON_CONNECTORS = frozenset(
    {"al", "el", "bin", "ibn", "abu", "abd", "abdel", "abdul", "bint", "de", "van", "von"}
)
# a name before these names the landmark, not the town: the 'Tishrin Dam' is no village Tishrin
GATE_WORDS = word_set("bab")  # 'Bab X' is the X gate of a city
STREET_NOUNS = word_set("street square roundabout avenue dam")
ORGANISATION_NOUNS = word_set(
    "brigade brigades army front legion battalion battalions movement division corps regiment institute gathering union party council media network committee squadron foundation agency center centre regime government press news tv television radio newspaper channel"
)  # 'Saba news agency', 'Aleppo TV': the name of an organisation (only a big place stands)


# ---------------------------------------------------------------- people


def person_trigger(gazetteer, text: str, tokens: list[Token], i: int) -> str | None:
    """What makes token i look like the start of a person's name, if anything."""
    previous = tokens[i - 1].text.lower().rstrip(".") if i else ""
    if previous in TITLES:
        return "title"
    if not followed_by_name(text, tokens, i):
        return None
    word = tokens[i].text.lower()
    if word in KUNYA or word in gazetteer.given_names:
        return "given"
    spoken = previous in SPEECH_VERBS or (
        previous == "to" and i > 1 and tokens[i - 2].text.lower() == "according"
    )
    return "speech" if spoken else None


def followed_by_name(text: str, tokens: list[Token], i: int) -> bool:
    """A capitalised word right after token i, maybe behind a connector ('Amer al-Rafdan')."""
    j = i + 1
    if (
        j + 1 < len(tokens)
        and tokens[j].text.lower() in PERSON_CONNECTORS
        and joined(text, tokens, i)
    ):
        j, i = j + 1, j
    return j < len(tokens) and joined(text, tokens, i) and capitalised(tokens[j].text)


def capitalised(word: str) -> bool:
    return word[0].isupper()


def person_length(text: str, tokens: list[Token], i: int) -> int:
    """Tokens of a person's name starting at i ('Bashar al-Assad', 'Abu Yazan al-Noiami')."""
    j = i + 1
    while j < len(tokens) and joined(text, tokens, j - 1) and name_word(tokens[j].text):
        j += 1
    return j - i


def name_word(word: str) -> bool:
    return word[0].isupper() or word.lower() in PERSON_CONNECTORS


def stands_as_place(gazetteer, text: str, tokens: list[Token], i: int, found, trigger: str) -> bool:
    """Whether a place match starting at a person trigger is the place after all."""
    if isinstance(found, int) or trigger == "title":
        return False
    first, last, ids = found
    big = any(is_big(gazetteer.place(row_id)) for row_id in ids[:5])
    if last - first == 1:  # one word: a given name is no place; a speech verb's object may be
        return trigger == "speech" and big
    spaced = text[tokens[last - 1].end : tokens[last].start] == " " if last < len(tokens) else False
    if spaced and head_of_compound(text, tokens, last - 1, last):  # 'Abu Hajar al-Hadrami'
        return False
    second = tokens[i + 1].text.lower()
    return big or locative_before(tokens, i) or second not in gazetteer.given_names


def locative_before(tokens: list[Token], i: int) -> bool:
    return cue_before(words_before(tokens, i))[0].get("preposition", False)


def strong_locative_before(tokens: list[Token], i: int) -> bool:
    """'in X', 'near X', 'the town of X': words that introduce nothing but a place (an English
    word after them, 'in Mocha', 'the town of Hays', may still be a town)."""
    words = [w for _, w in words_before(tokens, i)] + ["", ""]
    return words[0] in STRONG_PREPOSITIONS or (words[0] == "of" and words[1] in TOWN_NOUNS)


def is_big(place) -> bool:
    return place.population >= 50_000 or place.feature in ("country", "admin1")


# ---------------------------------------------------------------- fragments


def fragment(gazetteer, text: str, tokens: list[Token], first: int, last: int, named: int) -> bool:
    """The match [first, last) looks like a piece of a longer name (see the module docstring);
    tokens before ``named`` were read as part of a place or a person."""
    before_noun = (
        last < len(tokens)
        and joined(text, tokens, last - 1)
        and tokens[last].text.lower() in ORGANISATION_NOUNS
    )
    return before_noun or (
        last - first == 1 and after_unknown_word(gazetteer, text, tokens, first, named)
    )


def landmark(text: str, tokens: list[Token], last: int) -> bool:
    """'Umayyad Square', 'Baghdad Street': a name before a street noun names the street."""
    return (
        last < len(tokens)
        and joined(text, tokens, last - 1)
        and tokens[last].text.lower() in STREET_NOUNS
    )


def gate(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """'Bab Tadmor in Homs', 'Bab Sharqi': 'Bab' (a gate) without an article, before a
    capitalised word the longest match did not take, names a city gate or quarter; the town
    is written 'al-Bab'."""
    return (
        last - first == 1
        and tokens[first].text.lower() in GATE_WORDS
        and not (first and is_article(text, tokens, first - 1))
        and last < len(tokens)
        and joined(text, tokens, first)
        and capitalised(tokens[last].text)
    )


def head_of_compound(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """'Bab al-Salama', 'Talbisa al-Rastan': one word followed by an article and a capitalised
    word that the longest match did not take: the head of an unknown compound, or a list."""
    return (
        last - first == 1
        and last + 1 < len(tokens)
        and joined(text, tokens, last - 1)
        and is_article(text, tokens, last)
        and joined(text, tokens, last)
        and capitalised(tokens[last + 1].text)
    )


def after_unknown_word(gazetteer, text: str, tokens: list[Token], first: int, named: int) -> bool:
    """'Sawaiq al-Rahman': the match carries an article and follows an unknown capitalised word
    (generic words such as 'Bustan' included: 'Bustan al-Qasser')."""
    before = first - 2
    if before < named or not is_article(text, tokens, first - 1):
        return False
    word = tokens[before].text
    return (
        capitalised(word)
        and joined(text, tokens, before)
        and gazetteer.fold(word) not in gazetteer.function_words
        and word.lower() not in gazetteer.demonyms
    )
