"""Inputs (files, directories, URLs, feeds, WARC, JSONL on stdin) to ``Article`` records."""

from frontwatch.ingest.failure import Failure
from frontwatch.ingest.inputs import read_inputs

__all__ = ["Failure", "read_inputs"]
