"""The web API and the map page behind ``frontwatch serve``.

``create_app(store, ...)`` builds the FastAPI app; ``serve(db, host, port, ...)`` runs it.
Both import FastAPI on first use, so importing this package stays cheap.
"""

from __future__ import annotations

__all__ = ["create_app", "serve"]


def __getattr__(name: str):
    if name == "create_app":
        from frontwatch.web.app import create_app

        return create_app
    if name == "serve":
        from frontwatch.web.server import serve

        return serve
    raise AttributeError(name)
