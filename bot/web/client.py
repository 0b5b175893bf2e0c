"""ShortAPI's transport (bot/veo/client.py's `Transport`) on aiohttp's client.

aiohttp rather than httpx, which the result downloads keep: a query is the bot's most frequent
request, one per job every poll interval, and on this machine aiohttp's client spends 0.15-0.2
ms of CPU on one against httpx's 0.6-0.85 ms (docs/performance.md).
"""

import ssl
from collections.abc import AsyncIterable, Mapping

import aiohttp
import certifi

from bot.veo import Answer
from bot.veo.errors import APIConnectionError, APITimeoutError

# The bounds httpx had: a connection within 10 s, each read of the answer within 60 s. aiohttp
# bounds no write; an upload that stalls is ended by its answer's read bound, which starts
# once the body is sent, or by the job's own deadline.
TIMEOUT = aiohttp.ClientTimeout(total=None, sock_connect=10.0, sock_read=60.0)


class AiohttpTransport:
    """One aiohttp session for the API's calls; open it inside the running event loop."""

    def __init__(self, connections: int, timeout: aiohttp.ClientTimeout = TIMEOUT) -> None:
        self._session = aiohttp.ClientSession(
            timeout=timeout,
            # certifi's authorities, as httpx trusted: the same on every host and image,
            # whatever system store it has.
            connector=aiohttp.TCPConnector(
                limit=connections, ssl=ssl.create_default_context(cafile=certifi.where())
            ),
            # The API's answers set no cookies worth keeping, and a jar costs CPU per request.
            cookie_jar=aiohttp.DummyCookieJar(),
        )

    async def send(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str],
        params: Mapping[str, str] | None = None,
        body: bytes | AsyncIterable[bytes] | None = None,
    ) -> Answer:
        """The answer to one request; no answer raises the client's errors, saying whether the
        request may have reached the server. The URL is not in their text (the job id is)."""
        where = f"{method} {url.rsplit('/', 1)[-1]}"
        try:
            async with self._session.request(
                method, url, headers=headers, params=params, data=body
            ) as resp:
                return Answer(resp.status, resp.reason or "", await resp.read())
        except aiohttp.ConnectionTimeoutError as exc:
            raise APITimeoutError(f"{where}: no connection in time", request_sent=False) from exc
        except TimeoutError as exc:  # the read bound: aiohttp's are TimeoutErrors too
            raise APITimeoutError(f"{where} timed out", request_sent=True) from exc
        except aiohttp.ClientConnectorError as exc:
            reason = exc.os_error.strerror or type(exc.os_error).__name__
            raise APIConnectionError(f"cannot connect: {reason}", request_sent=False) from exc
        except aiohttp.ClientError as exc:
            reason = type(exc).__name__
            raise APIConnectionError(f"{where} failed: {reason}", request_sent=True) from exc

    async def close(self) -> None:
        """Close the session's connections."""
        await self._session.close()
