"""Fixtures of the tests of the fake Telegram's payments: a raw HTTP client for its Bot API
(in place of the ShortAPI one the folder above calls `http`), and a PTB bot that takes its
updates one at a time (tests/unit/fakes/payments/flows.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio
from telegram import Bot

from tests.fakes import FakeTelegram
from tests.fakes.telegram import DEFAULT_TOKEN
from tests.unit.fakes.payments.flows import Poller

TOKEN = DEFAULT_TOKEN  # the `tg` fixture's (tests/conftest.py)


@pytest_asyncio.fixture
async def http(tg: FakeTelegram) -> AsyncIterator[httpx.AsyncClient]:
    """A raw HTTP client for the fake's Bot API, with the `tg` fixture's token."""
    async with httpx.AsyncClient(base_url=f"{tg.base_url}/bot{TOKEN}") as client:
        yield client


@pytest_asyncio.fixture
async def bot(ptb: Bot, ann: dict[str, Any]) -> Poller:
    """The bot's poller, past Ann's /start."""
    poller = Poller(ptb)
    await poller.skip_start()
    return poller
