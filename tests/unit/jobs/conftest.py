"""Fixtures of the job engine's tests: an HTTP client and a recording Telegram side."""

import httpx
import pytest

from tests.fakes.memory import RecordingNotifier


@pytest.fixture
async def http():
    """An HTTP client for the runner, as the bot's own."""
    async with httpx.AsyncClient(timeout=httpx.Timeout(2.0)) as client:
        yield client


@pytest.fixture
def chat():
    """The Telegram side of the jobs, recorded."""
    return RecordingNotifier()
