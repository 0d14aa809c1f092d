"""Shared fixtures: a fresh store on each backend, the PostgreSQL URL, the shared data."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from frontwatch.store import open_store

PG_ENV = "FRONTWATCH_TEST_PG"
BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


def _unavailable(message: str) -> None:
    """In CI a missing service is a failure, never a silent skip."""
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _with_search_path(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_schemas():
    """Makes PostgreSQL URLs, each on a fresh schema; all are dropped after the test."""
    base = os.environ.get(PG_ENV)
    if not base:
        _unavailable(f'{PG_ENV} is not set: run `eval "$(scripts/pg_test_server.sh)"` first')
    import psycopg

    made: list[str] = []

    def make() -> str:
        schema = "fwtest_" + uuid.uuid4().hex[:12]
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        made.append(schema)
        return _with_search_path(base, schema)

    yield make
    with psycopg.connect(base, autocommit=True) as conn:
        for schema in made:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_url(pg_schemas):
    """A PostgreSQL URL whose search_path is a fresh schema."""
    return pg_schemas()


@pytest.fixture(params=BACKENDS)
def fresh_target(request, tmp_path):
    """Makes empty stores' targets: SQLite paths or PostgreSQL URLs (by the parameter)."""
    if request.param == "sqlite":
        counter = iter(range(1_000_000))
        return lambda: str(tmp_path / f"frontwatch-{next(counter)}.db")
    return request.getfixturevalue("pg_schemas")


@pytest.fixture
def store_target(fresh_target):
    """A SQLite path or a PostgreSQL URL with nothing in it yet."""
    return fresh_target()


@pytest.fixture
def store(store_target):
    store = open_store(store_target)
    store.migrate()
    yield store
    store.close()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    from dedup_gold.labelled import find_shared

    found = find_shared(Path(__file__))
    if found is None:
        _unavailable("shared/data/fakes-dev not found beside the project")
    return found


@pytest.fixture(scope="session")
def resources():
    """The shipped gazetteer, actor dictionary, cue lexicon and classifier, loaded once."""
    from frontwatch.pipeline import load_resources
    from frontwatch.settings import Settings

    return load_resources(Settings())
