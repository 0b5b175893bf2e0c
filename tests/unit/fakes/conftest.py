"""Fixtures shared by the tests of the fakes: Ann, and a FakeShortAPI with an httpx client for
it (its own tests and the outbound ones use both)."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.fakes import FakeShortAPI, FakeTelegram
from tests.unit.fakes.calls import KEY, USER_ID


@pytest.fixture
def ann(tg: FakeTelegram) -> dict[str, Any]:
    """A user who has started the bot: her private chat exists, her /start is queued."""
    user = tg.user(USER_ID, "Ann", username="ann")
    tg.send_text(USER_ID, user, "/start")
    return user


@pytest_asyncio.fixture
async def api() -> AsyncIterator[FakeShortAPI]:
    """The fake ShortAPI, with its key."""
    async with FakeShortAPI(KEY) as fake:
        yield fake


@pytest_asyncio.fixture
async def http(api: FakeShortAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client for `api`, with its key (payments/ has an `http` of its own)."""
    headers = {"Authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(base_url=api.base_url, headers=headers) as client:
        yield client
