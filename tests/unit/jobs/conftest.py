"""Fixtures of the job engine's tests: the HTTP clients and a recording Telegram side."""

import aiohttp
import httpx
import pytest

from bot.web.client import AiohttpTransport
from tests.fakes.memory import RecordingNotifier
from tests.unit.jobs import harness


@pytest.fixture
async def http():
    """An HTTP client for the runner, as the bot's own."""
    async with httpx.AsyncClient(timeout=httpx.Timeout(2.0)) as client:
        yield client


@pytest.fixture(autouse=True)
async def api_transport():
    """The ShortAPI client's transport, as the bot's own, for the runners harness.py makes."""
    # Read bound 2 s, as the httpx client's above (the bot's own is 60 s).
    transport = AiohttpTransport(8, aiohttp.ClientTimeout(sock_connect=2.0, sock_read=2.0))
    harness.transports.append(transport)
    yield transport
    harness.transports.remove(transport)
    await transport.close()


@pytest.fixture
def chat():
    """The Telegram side of the jobs, recorded."""
    return RecordingNotifier()
