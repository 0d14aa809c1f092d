"""Sentence and paragraph splitting on news text.

Some texts are from the seed sample article and from FA-KES (Abu Salem et al.,
ICWSM 2019, CC BY 4.0), where punctuation is often stripped.
"""

from __future__ import annotations

import pytest

from frontwatch.text.sentences import (
    before_wire_dateline,
    is_photo_caption,
    paragraphs,
    split_sentences,
)

SEED_PARAGRAPH = (
    "Russian Reconciliation Center revealed that the gunmen attempted to advance for the first "
    "time since the Syrian army liberated the city in 2016. The center pointed out that 50 gunmen "
    "tried to attack sites of the Syrian army from two directions with the support of vehicles "
    "loaded with heavy machine guns. The Syrian army was able to foil the attack and kill 7 gunmen "
    "at least, and injured 9 others. However, the attack claimed the lives of two members of the "
    "army and injured 4 others, according to the Russian center."
)

CASES = [
    # (description, text, expected sentences)
    (
        "seed paragraph",
        SEED_PARAGRAPH,
        [
            "Russian Reconciliation Center revealed that the gunmen attempted to advance for the first time since the Syrian army liberated the city in 2016.",
            "The center pointed out that 50 gunmen tried to attack sites of the Syrian army from two directions with the support of vehicles loaded with heavy machine guns.",
            "The Syrian army was able to foil the attack and kill 7 gunmen at least, and injured 9 others.",
            "However, the attack claimed the lives of two members of the army and injured 4 others, according to the Russian center.",
        ],
    ),
    (
        "seed title line then blank line then paragraph",
        "Gunmen launch a violent attack on Idlib\n\nNusra Front and Takfiri factions renew their military escalation.",
        [
            "Gunmen launch a violent attack on Idlib",
            "Nusra Front and Takfiri factions renew their military escalation.",
        ],
    ),
    (
        "a single newline ends a sentence",
        "Show More\nRelated Articles\nLeave a Reply",
        ["Show More", "Related Articles", "Leave a Reply"],
    ),
    (
        "FA-KES dateline split from the title",
        "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims of a suspected chemical attack in Syria appeared to show symptoms.",
        [
            "Wed 05 Apr 2017",
            "Syria attack symptoms consistent with nerve agent use WHO.",
            "Victims of a suspected chemical attack in Syria appeared to show symptoms.",
        ],
    ),
    (
        "FA-KES dateline after the title (ahram style)",
        "20 dead in Syria barrel bomb attack in Aleppo NGO AFP Monday 16 Jun 2014 Syrian regime helicopters dropped barrel bombs.",
        [
            "20 dead in Syria barrel bomb attack in Aleppo NGO AFP",
            "Monday 16 Jun 2014",
            "Syrian regime helicopters dropped barrel bombs.",
        ],
    ),
    (
        "publication prefix belongs to the dateline",
        "Posted on April 19 2017 by Asharq Al-Awsat English Six Killed in Aleppo Bombing",
        ["Posted on April 19 2017", "by Asharq Al-Awsat English Six Killed in Aleppo Bombing"],
    ),
    (
        "wire dateline with agency",
        "Damascus, SANA- Army units killed 15 terrorists. The source added more.",
        ["Damascus, SANA-", "Army units killed 15 terrorists.", "The source added more."],
    ),
    (
        "wire dateline with agency in brackets",
        "BEIRUT (Reuters) - Syrian forces advanced on Tuesday.",
        ["BEIRUT (Reuters) -", "Syrian forces advanced on Tuesday."],
    ),
    (
        "U.S. and U.N. inside a sentence",
        "A U.N. Commission of Inquiry said U.S. officials were told. They denied it.",
        ["A U.N. Commission of Inquiry said U.S. officials were told.", "They denied it."],
    ),
    (
        "dotted acronym at the end of a sentence",
        "The strikes were carried out by the U.S. The regime denied any role.",
        ["The strikes were carried out by the U.S.", "The regime denied any role."],
    ),
    (
        "titles before names",
        "Gen. Suheil al-Hassan met Lt. Col. Ahmed and Mr. Smith on Monday. Talks ended.",
        ["Gen. Suheil al-Hassan met Lt. Col. Ahmed and Mr. Smith on Monday.", "Talks ended."],
    ),
    (
        "No. before a number",
        "Resolution No. 2254 was adopted. It calls for talks.",
        ["Resolution No. 2254 was adopted.", "It calls for talks."],
    ),
    (
        "a.m. followed by a name-like word and by a new sentence",
        "The blast hit at 10 a.m. Damascus time. It killed 5 people at 11 a.m. The toll rose.",
        [
            "The blast hit at 10 a.m. Damascus time.",
            "It killed 5 people at 11 a.m.",
            "The toll rose.",
        ],
    ),
    (
        "initials",
        "The report by John F. Kennedy School was published. It was long.",
        ["The report by John F. Kennedy School was published.", "It was long."],
    ),
    (
        "decimals do not end sentences",
        "Some 2.5 million people fled. About 1.5 percent returned.",
        ["Some 2.5 million people fled.", "About 1.5 percent returned."],
    ),
    (
        "closing and opening quotes",
        'He said: "We will not leave." "They shelled us," a resident said.',
        ['He said: "We will not leave."', '"They shelled us," a resident said.'],
    ),
    (
        "question and exclamation marks",
        "Who fired the shells? Nobody knows! The army blamed rebels.",
        ["Who fired the shells?", "Nobody knows!", "The army blamed rebels."],
    ),
    (
        "lower case after a period does not start a sentence",
        "Casualties were approx. five dozen in total.",
        ["Casualties were approx. five dozen in total."],
    ),
    (
        "numbered list item",
        "1. Ghouta: On August 21 2013 the regime fired rockets.",
        ["1. Ghouta: On August 21 2013 the regime fired rockets."],
    ),
    (
        "a number opens the next sentence",
        "The city fell in 2016. 50 gunmen attacked later.",
        ["The city fell in 2016.", "50 gunmen attacked later."],
    ),
    (
        "punctuation-stripped run-on stays one sentence",
        "At least 29 Syrian rebels were killed in clashes with regime troops overnight a monitor said Sunday",
        [
            "At least 29 Syrian rebels were killed in clashes with regime troops overnight a monitor said Sunday"
        ],
    ),
    (
        "wire dateline inside a line cuts off the related title before it",
        "Two were hurt, media said. Photo Reuters Car Bomb Kills 30 BEIRUT (Sputnik) - Shells fell.",
        [
            "Two were hurt, media said.",
            "Photo Reuters Car Bomb Kills 30",
            "BEIRUT (Sputnik) -",
            "Shells fell.",
        ],
    ),
    (
        "a photo credit ends its caption",
        "Aug 2 2016 Smoke over Aleppo on August 1 2016 (Reuters Photo) Ten civilians died.",
        ["Aug 2 2016", "Smoke over Aleppo on August 1 2016 (Reuters Photo)", "Ten civilians died."],
    ),
    (
        "a wire dateline credit is not a caption",
        "BEIRUT (Reuters) - Syrian forces advanced.",
        ["BEIRUT (Reuters) -", "Syrian forces advanced."],
    ),
    (
        "an acronym in brackets is not a credit",
        "Al-Qaeda in the Arabian Peninsula (AQAP) Leaders met.",
        ["Al-Qaeda in the Arabian Peninsula (AQAP) Leaders met."],
    ),
    ("empty and blank text", "  \n\n  ", []),
]

FURNITURE_CASES = [
    (
        "related title before a dateline",
        "Shells hit. Car Bomb Kills 30 MOSCOW (Sputnik) Shells fell.",
        1,
        True,
    ),
    (
        "a full sentence before a dateline",
        "Shells hit. Car bomb kills 30. MOSCOW (Sputnik) Shells fell.",
        1,
        False,
    ),
    ("no dateline follows", "Shells hit. Car Bomb Kills 30 in Aleppo", 1, False),
]


@pytest.mark.parametrize(
    ("description", "text", "index", "expected"),
    FURNITURE_CASES,
    ids=[c[0] for c in FURNITURE_CASES],
)
def test_before_wire_dateline(description: str, text: str, index: int, expected: bool) -> None:
    sentence = split_sentences(text)[index]
    assert before_wire_dateline(text, sentence) is expected


CAPTION_CASES = [
    ("credit after the caption's date", "Rebels seen on June 6 2015 (Reuters) Two died.", 0, True),
    ("photo credit first", "A strike in Aleppo on July 9 (Photo AFP) State media said.", 0, True),
    ("the story after the caption", "Rebels seen on June 6 2015 (Reuters) Two died.", 1, False),
    ("credit after the full stop", "A funeral in Manbij on June 24. (AFP) The army said.", 0, True),
    ("a sentence with no credit", "Rebels took the town. Two died.", 0, False),
]


@pytest.mark.parametrize(
    ("description", "text", "index", "expected"),
    CAPTION_CASES,
    ids=[c[0] for c in CAPTION_CASES],
)
def test_is_photo_caption(description: str, text: str, index: int, expected: bool) -> None:
    sentence = split_sentences(text)[index]
    assert is_photo_caption(text, sentence) is expected


@pytest.mark.parametrize(("description", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split_sentences(description: str, text: str, expected: list[str]) -> None:
    assert [span.text for span in split_sentences(text)] == expected


@pytest.mark.parametrize(("description", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sentence_spans_point_into_the_text(
    description: str, text: str, expected: list[str]
) -> None:
    spans = split_sentences(text)
    for span in spans:
        assert text[span.start : span.end] == span.text == span.text.strip()
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


PARAGRAPH_CASES = [
    (
        "blank lines separate",
        "One.\nStill one.\n\nTwo.\n \nThree.",
        ["One.\nStill one.", "Two.", "Three."],
    ),
    (
        "single newlines when there is no blank line",
        "One.\nTwo.\nThree.",
        ["One.", "Two.", "Three."],
    ),
    ("windows line ends", "One.\r\n\r\nTwo.", ["One.", "Two."]),
    ("surrounding space is stripped", "\n\n  One.  \n\n\n", ["One."]),
    ("no text", "", []),
]


@pytest.mark.parametrize(
    ("description", "text", "expected"), PARAGRAPH_CASES, ids=[c[0] for c in PARAGRAPH_CASES]
)
def test_paragraphs(description: str, text: str, expected: list[str]) -> None:
    spans = paragraphs(text)
    assert [span.text for span in spans] == expected
    assert all(text[s.start : s.end] == s.text for s in spans)
