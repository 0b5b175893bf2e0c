"""Fixtures shared by the unit tests."""

from collections.abc import AsyncIterator

import pytest

from storage import Database


@pytest.fixture
async def db(store: str) -> AsyncIterator[Database]:
    """The database on each store in turn (on SQLite alone in a test marked `sqlite_only`)."""
    database = await Database.open(store)
    yield database
    await database.close()
