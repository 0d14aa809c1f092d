"""Frontwatch: news reports of armed conflict in, coded events out."""

import logging

from frontwatch.model import Actor, Article, Claim, Event, Evidence, Place, Span

__version__ = "0.1.0"
EXTRACTOR_VERSION = "frontwatch-extract/0.1"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Actor", "Article", "Claim", "Event", "Evidence", "Place", "Span", "EXTRACTOR_VERSION"]
