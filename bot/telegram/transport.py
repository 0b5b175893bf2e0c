"""PTB's HTTP transport on aiohttp, counting each failed Bot API request.

PTB's own transport is httpx, and httpx with httpcore and anyio cost about 40% of the bot's CPU
(issue 26); through PTB, a Bot API request on aiohttp takes a third of the CPU (measured).
"""

import base64
import re
import ssl
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
import certifi
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.ops import metrics

# The Bot API's error statuses, as veo_telegram_errors_total names them; 5xx are "server".
_ERROR_KINDS = {
    HTTPStatus.TOO_MANY_REQUESTS: "retry_after",
    HTTPStatus.BAD_REQUEST: "bad_request",
    HTTPStatus.FORBIDDEN: "forbidden",
}
# The path of any URL in an error's text: a Bot API URL holds the token there
# (/bot<token>/sendMessage), and aiohttp puts the whole URL into some errors (a connection
# timeout, a malformed answer, an invalid URL).
_URL_PATH = re.compile(r"(://[^/\s'\"]+)/[^\s'\"]*")
# As httpx's pool: an idle connection is dropped after 5 s, before a server is likely to close
# it itself (a request sent on a connection the server is closing fails).
_KEEPALIVE = 5.0


class AiohttpRequest(BaseRequest):
    """PTB's transport to the Bot API on one aiohttp session, counting each failed request in
    veo_telegram_errors_total.

    Counted here, below PTB's rate limiter and every retry: a 429 the limiter waits out, an
    error a handler's reply meets and a failed photo download are all seen, each attempt once.
    The timeouts mean what they mean in PTB's HTTPXRequest, and so do their defaults.
    """

    __slots__ = (
        "_connect",
        "_media_write",
        "_pool",
        "_pool_size",
        "_proxies",
        "_read",
        "_session",
        "_write",
    )

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read = read_timeout
        self._write = write_timeout
        self._connect = connect_timeout
        self._pool = pool_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        # aiohttp's proxy arguments by (scheme, host:port); see _proxy_for.
        self._proxies: dict[tuple[str, str], dict[str, Any]] = {}

    @property
    def read_timeout(self) -> float | None:
        """The read timeout of a request that names none (PTB adds it to a long poll's)."""
        return self._read

    async def initialize(self) -> None:
        """Open the session; aiohttp wants it made inside the running loop."""
        if self._session is not None and not self._session.closed:
            return
        connector = aiohttp.TCPConnector(
            limit=self._pool_size,
            keepalive_timeout=_KEEPALIVE,
            # certifi's authorities, as PTB's httpx trusted, whatever the system store holds.
            ssl=ssl.create_default_context(cafile=certifi.where()),
        )
        self._session = aiohttp.ClientSession(
            connector=connector, headers={"User-Agent": self.USER_AGENT}
        )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make the request; its status and body, whatever the status. Count it if it failed."""
        body = _body(request_data)
        # As HTTPXRequest: an upload's default write timeout is the longer one for media.
        write_default = self._media_write if isinstance(body, aiohttp.FormData) else self._write
        limits = _timeout(
            self._read if read_timeout is self.DEFAULT_NONE else read_timeout,
            write_default if write_timeout is self.DEFAULT_NONE else write_timeout,
            self._connect if connect_timeout is self.DEFAULT_NONE else connect_timeout,
            self._pool if pool_timeout is self.DEFAULT_NONE else pool_timeout,
            sends_body=body is not None,
        )
        try:
            code, payload = await self._send(url, method, body, limits)
        except TimedOut:
            metrics.telegram_error("timed_out")
            raise
        except NetworkError:
            metrics.telegram_error("network")
            raise
        if code >= HTTPStatus.BAD_REQUEST:
            server = code >= HTTPStatus.INTERNAL_SERVER_ERROR
            metrics.telegram_error("server" if server else _ERROR_KINDS.get(code, "other"))
        return code, payload

    async def _send(
        self,
        url: str,
        method: str,
        body: aiohttp.FormData | dict[str, str] | None,
        limits: aiohttp.ClientTimeout,
    ) -> tuple[int, bytes]:
        """One request on the session, aiohttp's errors turned into PTB's."""
        if self._session is None:
            raise RuntimeError("This AiohttpRequest is not initialized")
        try:
            proxy = self._proxy_for(url)
            async with self._session.request(
                method, url, data=body, timeout=limits, **proxy
            ) as response:
                return response.status, await response.read()
        # First: TimeoutError is an OSError, and aiohttp's timeouts are also ClientErrors.
        except TimeoutError as exc:
            raise TimedOut(f"Timed out ({_describe(exc)})") from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise NetworkError(_describe(exc)) from exc

    def _proxy_for(self, url: str) -> dict[str, Any]:
        """aiohttp's proxy arguments for `url`: the environment's HTTP_PROXY, HTTPS_PROXY and
        NO_PROXY apply, as they did with httpx.

        Looked up once per scheme and host. aiohttp's own trust_env looks them up in a thread
        on every request, which took two thirds of the transport's CPU (measured).
        """
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        if key not in self._proxies:
            self._proxies[key] = _env_proxy(parts.scheme, parts.hostname)
        return self._proxies[key]


def _env_proxy(scheme: str, host: str | None) -> dict[str, Any]:
    """The proxy the environment names for a scheme and host, as aiohttp's arguments."""
    named = getproxies().get(scheme)
    if not named or (host is not None and proxy_bypass(host)):
        return {}
    proxy = urlsplit(named)
    if proxy.username is None:
        return {"proxy": named}
    bare = proxy._replace(netloc=proxy.netloc.rpartition("@")[2]).geturl()
    credentials = f"{unquote(proxy.username)}:{unquote(proxy.password or '')}"
    secret = base64.b64encode(credentials.encode()).decode()
    auth = {"Proxy-Authorization": f"Basic {secret}"}
    # A plain-HTTP request goes to the proxy as it is; an HTTPS one through a CONNECT tunnel,
    # and only the CONNECT is the proxy's to read.
    where = "headers" if scheme == "http" else "proxy_headers"
    return {"proxy": bare, where: auth}


def _timeout(
    read: float | None,
    write: float | None,
    connect: float | None,
    pool: float | None,
    *,
    sends_body: bool,
) -> aiohttp.ClientTimeout:
    """aiohttp's timeouts for PTB's four (None: no limit).

    aiohttp's `connect` covers the wait for a free connection and making one; `sock_read` is
    the longest silence while the answer comes. aiohttp has no write timeout, so a request that
    sends a body is bounded as a whole by the sum of the four when all are set: a stalled upload
    still ends. A download sends nothing, so it is not bounded as a whole (as with httpx, a big
    file may take longer than the sum).
    """
    phases = [read, write, connect, pool]
    bounded = sends_body and None not in phases
    return aiohttp.ClientTimeout(
        total=sum(p for p in phases if p is not None) if bounded else None,
        connect=connect + pool if connect is not None and pool is not None else None,
        sock_connect=connect,
        sock_read=read,
    )


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """The request's body as PTB's HTTPXRequest sends it: a url-encoded form of the parameters,
    or, with files, a multipart form of the parameters and the files."""
    if request_data is None:
        return None
    files = request_data.multipart_data
    if not files:
        return request_data.json_parameters
    # Names and filenames as they are (UTF-8), as httpx sends them; aiohttp's default would
    # percent-encode a filename, and Telegram would show the escapes.
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in files.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form


def _describe(exc: BaseException) -> str:
    """The error's class and text, without the path of any URL in it (the bot's token)."""
    text = _URL_PATH.sub(r"\1/…", str(exc))
    name = type(exc).__name__
    return f"{name}: {text}" if text else name
