"""``serve``: open the store and run the app with uvicorn (``frontwatch serve``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

log = logging.getLogger(__name__)


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    tiles_url: str | None = None,
    cors_origins: Sequence[str] = (),
) -> None:
    """Serve the map and API for the database ``db`` (SQLite path or postgresql:// URL).

    The ingest endpoint opens only with a token (``token`` or env FRONTWATCH_TOKEN).
    """
    import uvicorn

    from frontwatch.store import open_store
    from frontwatch.web.app import create_app, token_from_env

    store = open_store(db)
    store.migrate()  # a new database serves an empty map instead of failing
    token = token_from_env(token)
    app = create_app(store, token=token, cors_origins=cors_origins, tiles_url=tiles_url)
    log.info("serving %s on http://%s:%d/ (ingest %s)", db, host, port, "on" if token else "off")
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        store.close()
