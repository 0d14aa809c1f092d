"""POST /api/articles: the one write endpoint, closed unless the operator set a token."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel, Field, model_validator

router = APIRouter(prefix="/api", tags=["ingest"])

MAX_ARTICLES = 100
MAX_URLS = 20
MAX_TEXT = 2_000_000  # characters of one posted text or HTML page


class ArticleIn(BaseModel):
    id: str | None = Field(None, min_length=1, max_length=128)
    text: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    html: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    published: date | None = None
    source: str | None = Field(None, max_length=200)

    @model_validator(mode="after")
    def _has_body(self):
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" or "html"')
        return self


class IngestRequest(BaseModel):
    articles: list[ArticleIn] = Field(default_factory=list, max_length=MAX_ARTICLES)
    urls: list[Annotated[str, Field(pattern=r"^https?://", max_length=2000)]] = Field(
        default_factory=list, max_length=MAX_URLS
    )

    @model_validator(mode="after")
    def _not_empty(self):
        if not self.articles and not self.urls:
            raise ValueError('give "articles" or "urls"')
        return self


def require_token(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    x_frontwatch_token: Annotated[str | None, Header()] = None,
) -> None:
    expected = request.app.state.token
    if not expected:
        raise HTTPException(
            403, "ingest is disabled: start the server with --token or FRONTWATCH_TOKEN"
        )
    given = x_frontwatch_token or _bearer(authorization)
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})


def _bearer(authorization: str | None) -> str | None:
    scheme, _, value = (authorization or "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


@router.post(
    "/articles",
    summary="Run the pipeline on posted articles or URLs and store the events (token needed)",
    dependencies=[Depends(require_token)],
)
def post_articles(request: Request, body: IngestRequest) -> dict:
    records = [a.model_dump(exclude_none=True, mode="json") for a in body.articles]
    return request.app.state.ingestor.ingest(records, body.urls)
