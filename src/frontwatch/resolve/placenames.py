"""Place-name normalisation and tokenisation: pure string functions.

One key function serves both sides: the build script keys every gazetteer name
with :func:`place_key`, and the scanner keys text tokens with :func:`token_key`,
so "Idlib", "Idleb" and "Edlib" (or "Ma'arrat an-Nu'man" and "Maarat
al-Numan") meet on the same key. The key is deliberately lossy (vowels fold to
one letter, doubled letters collapse, Arabic articles drop); context and
population decide between the places that share a key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (reads better than a list of quotes)."""
    return frozenset(words.split())


# Bump when the key function changes: the shipped index stores keys built with it.
KEY_VERSION = "3"

# Arabic definite articles as transliterated; "al"/"el" are articles wherever
# they stand, the assimilated ones ("as", "at", "an"...) are also English words
# and count as articles in running text only when hyphenated or assimilated.
ALWAYS_ARTICLES = frozenset({"al", "el", "l"})
SUN_ARTICLES = frozenset(
    {
        "ad",
        "adh",
        "ar",
        "as",
        "ash",
        "at",
        "ath",
        "az",
        "an",
        "ed",
        "er",
        "es",
        "esh",
        "et",
        "ez",
        "en",
    }
)
ARTICLES = ALWAYS_ARTICLES | SUN_ARTICLES

_APOSTROPHES = "'’‘`´ʿʾʼʻ"
_POSSESSIVE_RE = re.compile(rf"[{_APOSTROPHES}]s\b")
_TOKEN_RE = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_SPLIT_RE = re.compile(r"[^\w]+|_")
_FUSED_ARTICLE_RE = re.compile(r"^e([tdrzsn])\1(?=[a-z]{2})")  # Ezzor, Ettah
_DOUBLE_RE = re.compile(r"(.)\1+")
_FINAL_H_RE = re.compile(r"(?<=[aeiouy])h$")
# A vowel run, with w/y inside or next to vowels (Suwayda = Sweida) and a final y.
_VOWEL_RUN_RE = re.compile(r"(?:[aeiou]|(?<=[aeiouwy])[wy]|(?<=.)[wy](?=[aeiou])|(?<=.)y$)+")
_CONSONANT_SUBS = (("ph", "f"), ("dj", "j"), ("ck", "k"), ("q", "k"))
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS_RE = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)


class Memo:
    """A bounded cache of one pure string function, owned by whoever made it (a loaded
    gazetteer): news repeats its words, and the regexes of these functions cost more than a
    lookup. Cleared when full, so memory stays bounded on any corpus."""

    __slots__ = ("function", "found", "size")

    def __init__(self, function: Callable[[str], str], size: int) -> None:
        self.function, self.found, self.size = function, {}, size

    def __call__(self, word: str) -> str:
        found = self.found.get(word)
        if found is None:
            if len(self.found) >= self.size:
                self.found.clear()
            found = self.found[word] = self.function(word)
        return found


class Token(NamedTuple):
    """One word of a text: its characters and offsets."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Words with inner apostrophes kept (Ma'arrat), hyphens splitting, possessive 's dropped.
    Possessives become blanks of the same length, so offsets stay those of ``text``. The
    tokens are built by ``map`` over the matches: this runs over every word of every article."""
    found = list(_TOKEN_RE.finditer(_POSSESSIVE_RE.sub("  ", text)))
    fields = zip(
        map(re.Match.start, found),
        map(re.Match.end, found),
        map(re.Match.group, found),
        strict=True,
    )
    return list(map(tuple.__new__, [Token] * len(found), fields))


def fold(text: str) -> str:
    """Lowercase without diacritics or apostrophes: 'Maʿarrat' -> 'maarrat'."""
    if text.isascii():
        return _APOSTROPHE_RE.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _APOSTROPHE_RE.sub("", stripped.lower().replace("ı", "i"))


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


def is_latin(text: str) -> bool:
    """True when every letter is Latin (after stripping diacritics)."""
    return all(c.isascii() for c in fold(text) if c.isalpha())


def arabic_key(word: str) -> str:
    """Arabic word without vowel marks, with alef/ya/ta-marbuta unified and no article."""
    word = _ARABIC_MARKS_RE.sub("", word).translate(_ARABIC_LETTERS)
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word


def latin_key(word: str) -> str:
    """The folded form of one Latin word that is not an article."""
    word = _FUSED_ARTICLE_RE.sub(r"\1", word)
    for old, new in _CONSONANT_SUBS:
        word = word.replace(old, new)
    word = _DOUBLE_RE.sub(r"\1", word)
    word = _FINAL_H_RE.sub("", word)
    return _VOWEL_RUN_RE.sub("a", word)


def token_key(token: str) -> str:
    """Key of one text token ('' for pure punctuation); articles are not special here."""
    folded = fold(token)
    if is_arabic(folded):
        return arabic_key(folded)
    return latin_key(folded)


def name_tokens(name: str) -> list[str]:
    """Folded words of a gazetteer name, hyphens and punctuation splitting."""
    return [w for w in _SPLIT_RE.split(fold(name)) if w]


def content_words(name: str) -> list[str]:
    """Folded words of a name without its articles (unless the name is one)."""
    words = name_tokens(name)
    return [w for w in words if w not in ARTICLES] or words


def place_key(name: str) -> str:
    """Index key of a gazetteer name: words keyed, articles dropped (unless the name is one)."""
    return " ".join(k for k in (token_key(w) for w in content_words(name)) if k)


def spelling(name: str) -> str:
    """A light key that keeps vowels: same spelling up to case, marks, articles, doubled letters
    and a final h ('al-Tah' = 'At Tahh', but 'Abu Jarif' != 'Abu Jurayf')."""
    return " ".join(
        _FINAL_H_RE.sub("", _DOUBLE_RE.sub(r"\1", _FUSED_ARTICLE_RE.sub(r"\1", w)))
        for w in content_words(name)
    )


def skeleton(key: str) -> str:
    """A key without its folded vowels, for fuzzy comparison of leftovers."""
    return key.replace("a", "")


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


def joined(text: str, tokens: list[Token], i: int) -> bool:
    """Tokens i and i+1 may belong to one name: only spaces or a hyphen between them."""
    gap = text[tokens[i].end : tokens[i + 1].start]
    return len(gap) <= 3 and gap.strip(" -") == "" and "\n" not in gap


# ---------------------------------------------------------------- words around a name

DIRECTIONS = word_set(
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west northern southern eastern western northeastern northwestern southeastern southwestern central rural"
)
NEAR_WORDS = word_set("near nearby outside around surrounding towards toward")
AROUND_NOUNS = word_set(
    "outskirts suburbs suburb vicinity environs edge edges periphery surroundings outside area areas"
)
PROVINCE_NOUNS = word_set("province provinces governorate governorates muhafaza region")
TOWN_NOUNS = word_set("city cities town towns village villages neighbourhood neighborhood")
IN_WORDS = word_set("in at inside into from")
SKIPPED_BEFORE = frozenset({"the"})


class Cue(NamedTuple):
    """What the words around a name say: the wanted feature, relative position, the phrase extent."""

    start: int  # raw phrase, cue words included
    end: int
    name_text: str  # folded name as written
    spelling: str  # its light key (see spelling())
    wants_admin1: bool = False
    wants_admin2: bool = False
    relative: bool = False
    preposition: bool = False  # introduced by in/at/near/...: surely a place
    origin: bool = False  # ... but by "from": maybe only where someone or something comes from


def words_before(tokens: list[Token], first: int) -> list[tuple[int, str]]:
    """Up to four (index, lowercase word) before the name, nearest first, 'the' skipped."""
    found = []
    for j in range(first - 1, max(-1, first - 7), -1):
        word = tokens[j].text.lower()
        if word not in SKIPPED_BEFORE and word not in ALWAYS_ARTICLES:
            found.append((j, word))
        if len(found) == 4:
            break
    return found


def words_after(tokens: list[Token], last: int) -> list[tuple[int, str]]:
    return [(j, tokens[j].text.lower()) for j in range(last, min(len(tokens), last + 4))]


def cue_before(before: list[tuple[int, str]]) -> tuple[dict, int | None]:
    """Flags from the words before a name, and the index of the first cue word."""
    words = [w for _, w in before] + ["", ""]
    if words[0] in NEAR_WORDS or words[:2] == ["to", "close"]:
        return {"relative": True, "preposition": True}, before[1 if words[0] == "to" else 0][0]
    if words[0] in DIRECTIONS:
        return {"relative": True, "wants_admin1": True}, before[0][0]
    if words[0] == "of" and len(before) > 1:
        flags = cue_of(words[1], words[2])
        if flags and words[1] in TOWN_NOUNS and _near_the_town(words):
            flags = {"relative": True, "preposition": True}
        return flags, (before[1][0] if flags else None)
    if words[0] in IN_WORDS:
        return {"preposition": True, "origin": words[0] == "from"}, None
    return {}, None


def _near_the_town(words: list[str]) -> bool:
    """'near the town of X', 'outside the embattled town of X', '15 km south of the city of
    X': near X, not X itself."""
    head = words[2] if len(words) > 2 else ""
    after_of = words[3] if len(words) > 3 else ""
    return (
        head in NEAR_WORDS
        or (after_of in NEAR_WORDS and head.isalpha())  # one adjective between
        or (head == "of" and (after_of in DIRECTIONS or after_of in AROUND_NOUNS))
    )


def cue_of(noun: str, before_noun: str) -> dict:
    """'... of X': outskirts/north of X (relative), countryside of X, province of X, city of X."""
    if noun == "countryside":
        return {"relative": True, "wants_admin1": True, "preposition": True}
    if noun in AROUND_NOUNS or noun in DIRECTIONS:
        return {"relative": True, "preposition": True}
    if noun in PROVINCE_NOUNS:
        return {"wants_admin1": True, "preposition": True}
    if noun == "district":
        return {"wants_admin2": True, "preposition": True}
    return {"preposition": True} if noun in TOWN_NOUNS else {}


def cue_after(tokens: list[Token], after: list[tuple[int, str]]) -> tuple[dict, int | None]:
    """Flags from the words after a name, and the index of the last cue word."""
    words = [w for _, w in after] + ["", "", ""]
    if words[0] == "and" and len(after) > 2 and tokens[after[1][0]].text[0].isupper():
        plural = words[2] if words[2].endswith("s") else ""  # "Idlib and Hama provinces"
        return ({"wants_admin1": True}, None) if plural in PROVINCE_NOUNS else ({}, None)
    offset = 1 if words[0] in DIRECTIONS and words[1] in ("countryside", "province") else 0
    noun = words[offset]
    if noun == "countryside":
        return {"relative": True, "wants_admin1": True}, after[offset][0]
    if noun in PROVINCE_NOUNS:
        return {"wants_admin1": True}, after[offset][0]
    if noun == "district":
        return {"wants_admin2": True}, after[0][0]
    if noun in AROUND_NOUNS:
        return {"relative": True}, after[0][0]
    return {}, None


def read_cues(
    text: str,
    tokens: list[Token],
    first: int,
    last: int,
    start: int,
    end: int,
    spell: Callable[[str], str] = spelling,
) -> Cue:
    """The cue of the name made of tokens [first, last) spanning text[start:end];
    ``spell`` computes the light key (a memoised :func:`spelling` where one is at hand)."""
    flags_before, cue_start = cue_before(words_before(tokens, first))
    flags_after, cue_end = cue_after(tokens, words_after(tokens, last))
    flags = {**flags_before, **{k: v for k, v in flags_after.items() if v}}
    raw_start = tokens[cue_start].start if cue_start is not None else start
    raw_end = tokens[cue_end].end if cue_end is not None else end
    name_text = " ".join(fold(t.text) for t in tokens[first:last])
    return Cue(raw_start, raw_end, name_text, spell(name_text), **flags)
