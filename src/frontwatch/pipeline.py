"""The stages in order: read inputs, extract events, (store), report failures.

Everything heavy is built once here by ``load_resources`` and passed down.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from frontwatch import EXTRACTOR_VERSION
from frontwatch.extract.events import Resources, extract_events
from frontwatch.extract.lexicon import Lexicon
from frontwatch.ingest import Failure, read_inputs
from frontwatch.model import Article, Event
from frontwatch.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    events: list[Event]


def load_resources(settings: Settings, *, with_classifier: bool = True) -> Resources:
    """Load the gazetteer, actor dictionary, cue lexicon and classifier once."""
    from frontwatch.extract.snippets import SnippetClassifier
    from frontwatch.resolve.actors import ActorDictionary
    from frontwatch.resolve.places import Gazetteer

    classifier = SnippetClassifier(settings.classifier_path).load() if with_classifier else None
    return Resources(
        lexicon=Lexicon.load(),
        gazetteer=Gazetteer(settings.gazetteer_path).load(),
        actors=ActorDictionary(settings.actor_files).load(),
        classifier=classifier,
        default_country=settings.default_country,
    )


def run_articles(articles: Iterable[Article], resources: Resources) -> Iterator[ArticleResult]:
    for article in articles:
        yield ArticleResult(article, extract_events(article, resources, EXTRACTOR_VERSION))


def run_inputs(
    inputs: Iterable[str],
    settings: Settings,
    resources: Resources,
    *,
    published: date | None = None,
    client=None,
    stdin=None,
) -> Iterator[ArticleResult | Failure]:
    """Read every input and extract its events; a failed input is yielded, not raised."""
    for item in read_inputs(inputs, settings, client=client, stdin=stdin, published=published):
        if isinstance(item, Failure):
            log.info("%s: %s", item.input, item.error)  # the caller reports it
            yield item
            continue
        try:
            yield ArticleResult(item, extract_events(item, resources, EXTRACTOR_VERSION))
        except Exception as error:  # one bad article must not stop the batch
            log.exception("extraction failed for %s", item.id)
            yield Failure(item.url or item.id, f"extraction failed: {error}")
