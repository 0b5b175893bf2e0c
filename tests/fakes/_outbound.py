"""Requests the fakes make themselves (webhooks, callbacks, image fetches), loopback only.

The real services reach any public address; a fake in a test must never leave this machine,
so anything but 127.0.0.1/localhost is refused before a connection is attempted.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

DEFAULT_TIMEOUT = 10.0


class NotLoopback(Exception):
    """The URL points outside this machine, which a fake must not contact."""


class TooLarge(Exception):
    """The answer was bigger than the caller accepts."""


@dataclass
class Answer:
    """What a remote HTTP server answered."""

    status: int
    reason: str
    data: bytes
    content_type: str | None


# Everything `request` raises when the other side cannot be reached or misbehaves.
ERRORS = (aiohttp.ClientError, TimeoutError, NotLoopback, TooLarge)


def is_loopback(url: str) -> bool:
    """Whether an http(s) URL names this machine (127.0.0.0/8, ::1 or localhost)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def request(
    method: str,
    url: str,
    *,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    limit: int | None = None,
) -> Answer:
    """One request with no redirects followed; body is sent as JSON unless None."""
    if not is_loopback(url):
        raise NotLoopback(f"the fake only contacts loopback URLs, not {url!r}")
    sent = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        sent.setdefault("Content-Type", "application/json")
    # A session per request: these are rare, and nothing is shared between tests.
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with (
        aiohttp.ClientSession(timeout=client_timeout) as session,
        session.request(method, url, data=data, headers=sent, allow_redirects=False) as resp,
    ):
        received = bytearray()
        async for chunk in resp.content.iter_chunked(256 * 1024):
            received += chunk
            if limit is not None and len(received) > limit:
                raise TooLarge(f"answer larger than {limit} bytes")
        ctype = resp.headers.get("Content-Type")
        return Answer(resp.status, resp.reason or "", bytes(received), ctype)


def describe_error(exc: BaseException) -> str:
    """A short text for a failed request, in the words the Bot API uses for webhooks."""
    if isinstance(exc, TimeoutError):
        return "Read timeout expired"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "Connection refused"
    return f"{type(exc).__name__}: {exc}"
