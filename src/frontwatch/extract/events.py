"""Article in, events out: the extraction stage, pure.

1. Read the article once: sentences, numbers, dates, actor and place mentions.
2. Cheap candidate filter: only clauses with an event cue or a casualty figure go on.
3. Each candidate clause becomes a mention; mentions are grouped into events
   (``extract/grouping.py``) by day x place x actor pair (spec section 1).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass

from frontwatch.extract.breakdown import drop_broken_down_totals
from frontwatch.extract.casualties import single_persons
from frontwatch.extract.grouping import group_mentions, incident_dates
from frontwatch.extract.headline import absorb_headline, drop_summed_tolls, headline_end
from frontwatch.extract.lexicon import Lexicon
from frontwatch.extract.mentions import SentenceContext, sentence_mentions
from frontwatch.extract.records import build_event
from frontwatch.extract.split import split_listed
from frontwatch.model import Article, Event, Span
from frontwatch.text.dates import find_dateline, find_dates
from frontwatch.text.numbers import find_quantities
from frontwatch.text.sentences import before_wire_dateline, is_photo_caption, split_sentences

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resources:
    """The heavy things extraction needs, loaded once by the caller and passed in."""

    lexicon: Lexicon
    gazetteer: object  # frontwatch.resolve.places.Gazetteer (loaded)
    actors: object  # frontwatch.resolve.actors.ActorDictionary (loaded)
    classifier: object | None = None  # frontwatch.extract.snippets.SnippetClassifier
    default_country: str | None = None


def extract_events(article: Article, resources: Resources, version: str = "") -> list[Event]:
    """All events an article reports, each with evidence spans into ``article.text``."""
    text = article.text
    published = article.published or find_dateline(text)
    places = [p for p in resources.gazetteer.find(text) if not _names_a_government(text, p.span)]
    country = _focus_country(places, resources.default_country)
    actors = resources.actors.find(text, on=published, country=country)
    ctx = SentenceContext(
        text=text,
        quantities=single_persons(text, find_quantities(text)),
        actors=[
            a
            for a in actors
            if not _HOLDS_TERRITORY.match(text, a.span.end)
            and not _speaks_for(text, a.span)
            and not _tells_of_another(text, a.span, actors)
        ],
        places=places,
        dates=find_dates(text, published),
    )
    title_end = headline_end(article)
    mentions = drop_summed_tolls(_all_mentions(ctx, resources.lexicon), title_end)
    mentions = drop_broken_down_totals(mentions)
    lead_day = _lead_day(mentions, published)
    province = _focus_province(places, country, resources, text, published)
    groups = group_mentions(mentions, published, province, country, lead_day)
    groups = absorb_headline(groups, title_end)
    events = [
        split
        for group in groups
        if (event := build_event(group, article, ctx, country, resources, version)) is not None
        for split in split_listed(event, group, text)
    ]
    log.debug("article %s: %d mentions, %d events", article.id, len(mentions), len(events))
    return events


def _all_mentions(ctx: SentenceContext, lexicon: Lexicon) -> list:
    mentions, after_total = [], False
    for sentence in split_sentences(ctx.text):
        if _looks_like_body(sentence.text) and not _furniture(ctx.text, sentence):
            found = sentence_mentions(ctx, sentence, lexicon, after_total)
            mentions.extend(found)
            after_total = any(m.cumulative for m in found)
    return mentions


def _furniture(text: str, sentence: Span) -> bool:
    return before_wire_dateline(text, sentence) or is_photo_caption(text, sentence)


_BOILERPLATE = re.compile(
    r"^(?:show more|related (?:articles|posts|news)|leave a (?:reply|comment)|"
    r"your email address|back to top|share (?:this|on)|read more|tags?:|comments?)\b",
    re.IGNORECASE,
)


def _looks_like_body(sentence: str) -> bool:
    """Navigation and comment-form lines left over by extraction never make events."""
    return len(sentence) > 20 and not _BOILERPLATE.match(sentence)


# "regime-held areas", "rebel-controlled towns": who holds the place, not who took part
_HOLDS_TERRITORY = re.compile(
    r"[-‑]\s?(?:held|controlled|run|occupied|administered|dominated)\b", re.IGNORECASE
)


# "a source at Aleppo Police Command told SANA": who speaks, not who took part
_SOURCE_AT = re.compile(
    r"\b(?:source|sources|official|officials|spokes(?:man|woman|person))\s+(?:at|in|of|from|for|with)"
    r"\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)


# "opposition groups accused Assad's forces of ...", "the army denied": who accuses,
# blames, denies or condemns speaks about the event; the accused may have done it
_JUDGES = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:have\s+|has\s+|had\s+)?(?:accused|accuses|accuse|accusing|blamed|"
    r"blames|blaming|denied|denies|condemned|condemns|condemning)\b",
    re.IGNORECASE,
)


# "Syrian opposition: 1300 killed" (a headline's speaker), "the ISIS-run Amaq news agency
# said", "ISIS's statement": a voice, not a party to the event told
_VOICE_AFTER = re.compile(
    r"\s*:|(?:'s|’s|s)?[\s-]+(?:run\s+|linked\s+|affiliated\s+|-run\s+)?(?:Amaq\s+|official\s+)?"
    r"(?:news agency|media office|media outlets?|mouthpiece|statement|spokes(?:man|woman|person)|"
    r"websites?|activists?|sources?|television|TV|radio)\b",
    re.IGNORECASE,
)


# "..., police said." at the end of a sentence: the attribution, not a party
_TRAILING_BEFORE = re.compile(r",\s*(?:the |a |an )?(?:[\w-]+\s+){0,2}$")
_TRAILING_AFTER = re.compile(r"\s+(?:said|says|reported|added|stated)\b[^.;]{0,40}\.")


def _speaks_for(text: str, span) -> bool:
    before = text[max(0, span.start - 60) : span.start]
    voice = _SOURCE_AT.search(before) or _VOICE_AFTER.match(text, span.end)
    trailing = _TRAILING_BEFORE.search(before) and _TRAILING_AFTER.match(text, span.end)
    return bool(voice or trailing or _JUDGES.match(text, span.end))


# "Syrian opposition forces on Sunday claimed that Russian jets hit an outpost": who
# claims that another actor acted tells of the event (it may still be the victim)
_SAYS_THAT = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:claimed|claims|said|says|reported|announced|alleged)\s+that\s+",
    re.IGNORECASE,
)


def _tells_of_another(text: str, span, actors: list) -> bool:
    says = _SAYS_THAT.match(text, span.end)
    return bool(says) and any(0 <= a.span.start - says.end() <= 4 for a in actors)


# A capital standing for its government: "Damascus said", "pro-Damascus media",
# "Damascus lost 40 troops", "Moscow's air force", "its ally Damascus", "Damascus
# promises of a truce". Not where anything happened.
_BEFORE_GOVERNMENT = re.compile(
    r"(?:(?:pro|anti)-\s*|\b(?:ally|allies|backer|backers|patron)\s+)$", re.IGNORECASE
)
# "rebels in Idlib said": after a locative the name is the place, whatever verb follows
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|around|outside)\s+$", re.IGNORECASE)
_AFTER_GOVERNMENT = re.compile(
    r"^(?:'s|’s|s)?\s+(?:government|regime|authorities|said|says|say|lost|accused|accuses|claimed|"
    r"claims|denied|denies|blamed|blames|announced|backed|insisted|warned|wants|promised|"
    r"promises?|pledged|vowed|offered|refused|rejected|threatened|"
    # "Moscow has been carrying out air strikes": a city does not wage a campaign
    r"(?:has|have|had) been (?:carrying out|conducting|launching|bombing|backing|supporting|"
    r"arming|sending|deploying))\b",
    re.IGNORECASE,
)


# "the Aleppo-based Fastaqim group", "a Raqqa-born fighter": where someone sits or comes from
_ATTRIBUTE_AFTER = re.compile(r"^[-‑](?:based|born|headquartered)\b", re.IGNORECASE)


# "DAMASCUS (Sputnik) -", "Idlib, SANA -": the city a report is filed from
_DATELINE_AFTER = re.compile(
    r"^\s*(?:\((?:AFP|AP|Reuters|Sputnik|SANA|AA|Xinhua|dpa|DPA|TASS|IRNA|Anadolu|UPI|ANI)\)"
    r"|,\s*(?:SANA|AFP|Reuters|AP|Sputnik|Xinhua|TASS|IRNA)\s*[-–—])"
)


def _names_a_government(text: str, span) -> bool:
    before = text[max(0, span.start - 10) : span.start]
    after = text[span.end : span.end + 24]
    return bool(
        _BEFORE_GOVERNMENT.search(before)
        or (_AFTER_GOVERNMENT.match(after) and not _LOCATIVE_BEFORE.search(before))
        or _DATELINE_AFTER.match(after)
        or _ATTRIBUTE_AFTER.match(after)
    )


def _lead_day(mentions: list, published):
    """The day the report's lead sentence gives ("... killed on Saturday, a monitor
    said"): the default for its events that name no day of their own. The day a source
    spoke ("..., the WHO said on Wednesday") dates no incident."""
    lead = next((m for m in mentions if not m.background and not m.cumulative), None)
    for mention in incident_dates(lead) if lead is not None else ():
        recent = published is None or 0 <= (published - mention.date).days <= 7
        if mention.kind != "dateline" and mention.precision == 1 and recent:
            return mention.date
    return published


def _focus_country(places: list, default: str | None) -> str | None:
    """The country most places named lie in; on a tie, the one whose towns or provinces
    are named ("Russia and Turkey agreed on a ceasefire in Idlib" is set in Syria)."""
    counts: dict[str, tuple[int, int]] = {}
    for mention in places:
        named, inside = counts.get(mention.place.country, (0, 0))
        counts[mention.place.country] = (named + 1, inside + (mention.place.feature != "country"))
    return max(counts, key=counts.__getitem__) if counts else default


def _focus_province(places: list, country, resources: Resources, text: str = "", published=None):
    """The province the article is mostly about: where an unplaced event is coded. Only the
    provinces of the article's country count ("Washington" is no province of a Syrian
    event), and places of recalled past events ("in Aleppo last year") only when nothing
    else is named."""
    breaks = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
    own = [p for p in places if p.place.country == country and p.place.feature != "country"]
    current = [p for p in own if not _recalls_past(text, breaks, p.span.start, published)]
    counts = _province_counts(current or own)
    if not counts:
        return None
    country, admin1 = max(counts, key=counts.__getitem__)
    return resources.gazetteer.province(country, admin1)


def _province_counts(places: list) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for mention in places:
        place = mention.place
        if place.admin1 and place.feature != "country":
            key = (place.country, place.admin1)
            counts[key] = counts.get(key, 0) + 1
    return counts


# a sentence about an earlier time: "last year", "two years ago", "in August 2013"
_PAST_TIME = re.compile(
    r"\b(?:(?:last|previous) (?:year|month|summer|winter|spring|autumn)|(?:years?|months?) ago|"
    r"previously)\b|\b(?:in|since) (?:[A-Z][a-z]+ )?((?:19|20)\d\d)\b"
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _recalls_past(text: str, breaks: list[int], start: int, published) -> bool:
    """The sentence around offset ``start`` (between two ``breaks``) speaks of the past."""
    k = bisect_right(breaks, start)
    sentence = text[breaks[k - 1] : breaks[min(k, len(breaks) - 1)]]
    return any(
        m.group(1) is None or published is None or int(m.group(1)) < published.year
        for m in _PAST_TIME.finditer(sentence)
    )
