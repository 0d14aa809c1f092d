"""CSV export of event records, streamed in pieces through ``frontwatch.export.write_csv``.

The download then matches ``frontwatch export`` cell for cell: ACLED columns first,
lists joined with "; ".
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from itertools import islice

from frontwatch import export


def csv_chunks(
    records: Iterable[dict],
    columns: Iterable[str] = export.CSV_COLUMNS,
    *,
    rows_per_chunk: int = 500,
) -> Iterator[str]:
    """The CSV text in pieces of ``rows_per_chunk`` rows; the header comes once, first."""
    names, rows = list(columns), iter(records)
    first = True
    while True:
        batch = list(islice(rows, rows_per_chunk))
        if not batch and not first:
            return
        buffer = io.StringIO()
        export.write_csv(batch, buffer, names)
        text = buffer.getvalue()
        yield (
            text if first else text.split("\n", 1)[1]
        )  # the header is one line: names have no newline
        first = False
