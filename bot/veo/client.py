"""Async client for ShortAPI's job endpoints (create, query), over a `Transport`.

The client says what to send and reads the envelope; the transport moves the bytes. The bot's
is bot/web/client.py, on aiohttp: a query is the bot's most frequent request (one per job every
poll interval), and aiohttp's client spends a quarter of httpx's CPU on one (docs/performance.md).
"""

import asyncio
import base64
import json
import logging
import random
import secrets
from collections.abc import AsyncIterable, AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from bot.veo.errors import (
    APICodeError,
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    ShortAPIError,
)
from bot.veo.model import Options

log = logging.getLogger(__name__)

STATUS_QUEUED = 0
STATUS_RUNNING = 1
STATUS_SUCCEEDED = 2

# Told of every request made: (call, result), e.g. ("query", "http_5xx"); the results are
# "ok", "api_code", "http_4xx", "http_5xx", "timeout", "network" and "bad_response".
OnRequest = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class Answer:
    """An HTTP answer, read whole (the API's are small JSON documents)."""

    status: int
    reason: str
    body: bytes


class Transport(Protocol):
    """Sends one request and reads its answer, whatever its status.

    Raises APITimeoutError or APIConnectionError when there is no answer, with `request_sent`
    False only when the request surely did not reach the server (refused, no connection)."""

    async def send(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str],
        params: Mapping[str, str] | None = None,
        body: bytes | AsyncIterable[bytes] | None = None,
    ) -> Answer:
        """The answer to one request."""
        ...


@dataclass(frozen=True, slots=True)
class InlineImage:
    """An image to send inside the create call as a `data:` URI.

    The base64 text is produced while the request body is being sent, a slice at a time, so a
    20 MB photo costs its own bytes in memory rather than four encoded copies of them.
    """

    data: bytes | bytearray
    mime: str


# base64 turns 3 bytes into 4 characters: slices of a multiple of 3 bytes encode independently.
_B64_SLICE = 3 * 64 * 1024


@dataclass(frozen=True, slots=True)
class CreatedJob:
    """What a successful create call returned."""

    job_id: str
    amount: Decimal | None


@dataclass(frozen=True, slots=True)
class JobState:
    """One answer of the query call."""

    status: int
    video_url: str | None
    error: str | None
    raw: Mapping[str, Any]

    @property
    def in_progress(self) -> bool:
        """Statuses 0 and 1 mean the job is still running."""
        return self.status in (STATUS_QUEUED, STATUS_RUNNING)

    @property
    def succeeded(self) -> bool:
        """Status 2 is the only documented success."""
        return self.status == STATUS_SUCCEEDED


class ShortAPIClient:
    """Creates Veo image-to-video jobs and queries them.

    The key goes into each request's header rather than the session's defaults, so a session
    shared with other hosts never hands the key over.
    `on_request` hears of each request made and its result (bot/app.py counts them).
    """

    def __init__(
        self,
        transport: Transport,
        *,
        base_url: str,
        api_key: str,
        query_attempts: int = 4,
        backoff: float = 0.5,
        on_request: OnRequest | None = None,
    ) -> None:
        self._transport = transport
        self._on_request = on_request
        self._base = base_url.rstrip("/")
        self._auth = {"Authorization": f"Bearer {api_key}"}
        self._query_attempts = query_attempts
        self._backoff = backoff

    async def create(
        self,
        options: Options,
        *,
        prompt: str,
        image: str | InlineImage | None,
        callback_url: str | None = None,
        inputs: Mapping[str, object] | None = None,
    ) -> CreatedJob:
        """Submit one paid job: `image` is the photo (None for a model that takes none),
        `inputs` the model's other inputs by wire name (a URL or InlineImage, a list of them,
        the user's words). Never retried here: a lost answer may still have been charged."""
        given = dict(inputs or {})
        photo = next((one.wire for one in options.video_model.inputs if one.photo), None)
        if photo is not None:
            given[photo] = image
        # Stand-ins that no prompt can contain, replaced by the streamed data URIs.
        slots: dict[str, InlineImage] = {}
        stand_ins = {wire: _slotted(value, slots) for wire, value in given.items()}
        body: dict[str, Any] = {
            "model": options.video_model.id,
            "args": options.to_args(prompt=prompt, inputs=stand_ins),
        }
        if callback_url:
            body["callback_url"] = callback_url
        request = _streamed_json(body, slots) if slots else _json(body)
        try:
            data = await self._send("POST", "/api/v1/job/create", **request)
            job_id = data.get("job_id")
            if not isinstance(job_id, str) or not job_id:
                raise APIResponseError("create answered without data.job_id")
        except ShortAPIError as exc:
            self._heard("create", _result_of(exc))
            raise
        self._heard("create", "ok")
        return CreatedJob(job_id=job_id, amount=_decimal_or_none(data.get("amount")))

    async def query(self, job_id: str) -> JobState:
        """The job's current status; retried with backoff on timeouts, 429, 5xx, bad JSON."""
        attempt = 0
        while True:
            attempt += 1
            try:
                state = await self._query_once(job_id)
            except (APIConnectionError, APIResponseError, APIStatusError) as exc:
                retryable = not isinstance(exc, APIStatusError) or exc.retryable
                if not retryable or attempt >= self._query_attempts:
                    raise
                delay = self._backoff * 2 ** (attempt - 1) * (1 + random.random() / 2)
                log.info("query %s failed (%s), retrying in %.1fs", job_id, exc, delay)
                await asyncio.sleep(delay)
            else:
                return state

    async def _query_once(self, job_id: str) -> JobState:
        try:
            state = _job_state(await self._send("GET", "/api/v1/job/query", params={"id": job_id}))
        except ShortAPIError as exc:
            self._heard("query", _result_of(exc))
            raise
        self._heard("query", "ok")
        return state

    async def _send(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        body: bytes | AsyncIterable[bytes] | None = None,
    ) -> Mapping[str, Any]:
        answer = await self._transport.send(
            method,
            self._base + path,
            headers={**self._auth, **(headers or {})},
            params=params,
            body=body,
        )
        try:
            payload = json.loads(answer.body)
        except ValueError:
            payload = None
        if answer.status >= 400:
            message = _error_text(payload) if isinstance(payload, Mapping) else answer.reason
            raise APIStatusError(answer.status, message or answer.reason)
        if not isinstance(payload, Mapping) or "code" not in payload:
            raise APIResponseError(f"{method} {path}: answer is not the JSON envelope")
        code = payload.get("code")
        if code != 0:
            raise APICodeError(_int_or(code, -1), _error_text(payload) or "no reason given")
        data = payload.get("data")
        if not isinstance(data, Mapping):
            raise APIResponseError(f"{method} {path}: answer has no data object")
        return data

    def _heard(self, call: str, result: str) -> None:
        """Tell `on_request` of a request made and its result (an answer that cannot be read
        included). Plain calls rather than a context manager: a query is the bot's most
        frequent request, and a generator-based one cost 1% of the poller's CPU (py-spy)."""
        if self._on_request is not None:
            self._on_request(call, result)


def _result_of(exc: ShortAPIError) -> str:
    """The metric's fixed label for an error."""
    if isinstance(exc, APICodeError):
        return "api_code"
    if isinstance(exc, APIStatusError):
        return "http_5xx" if exc.status_code >= 500 else "http_4xx"
    if isinstance(exc, APITimeoutError):
        return "timeout"
    if isinstance(exc, APIConnectionError):
        return "network"
    return "bad_response"


def _slotted(value: object, slots: dict[str, InlineImage]) -> object:
    """`value` with each inline image replaced by a stand-in, noted in `slots`.

    A plain function, not a closure: a closure that calls itself is a reference cycle, and
    would keep a 20 MB photo in memory until the garbage collector next runs (measured: 8
    photos at once peaked 40 to 80 MB higher)."""
    if isinstance(value, InlineImage):
        slot = f"image-{secrets.token_hex(16)}"
        slots[slot] = value
        return slot
    if isinstance(value, list):
        return [_slotted(one, slots) for one in value]
    return value


def _json(body: Mapping[str, Any]) -> dict[str, Any]:
    """`_send`'s arguments that send `body` as compact UTF-8 JSON."""
    encoded = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return {"body": encoded, "headers": {"Content-Type": "application/json"}}


def _streamed_json(body: Mapping[str, Any], slots: Mapping[str, InlineImage]) -> dict[str, Any]:
    """`_send`'s arguments that send `body` as JSON with each image's data URI in place of its
    slot, encoded a slice at a time while the body is sent."""
    encoded = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    parts: list[bytes | InlineImage] = []
    quoted = {json.dumps(slot).encode(): image for slot, image in slots.items()}
    for slot in sorted(quoted, key=encoded.index):  # in the order the body holds them
        image = quoted[slot]
        head, encoded = encoded.split(slot)
        parts += [head + b'"data:' + image.mime.encode("ascii") + b";base64,", image, b'"']
    parts.append(encoded)
    length = sum(
        4 * ((len(part.data) + 2) // 3) if isinstance(part, InlineImage) else len(part)
        for part in parts
    )

    async def chunks() -> AsyncIterator[bytes]:
        for part in parts:
            if not isinstance(part, InlineImage):
                yield part
                continue
            view = memoryview(part.data)
            for start in range(0, len(part.data), _B64_SLICE):
                yield base64.b64encode(view[start : start + _B64_SLICE])

    # With a Content-Length given, the stream is sent as is rather than chunked.
    return {
        "body": chunks(),
        "headers": {"Content-Type": "application/json", "Content-Length": str(length)},
    }


def _job_state(data: Mapping[str, Any]) -> JobState:
    status = _int_or(data.get("status"), None)
    if status is None:
        raise APIResponseError("query answered without data.status")
    error = None if status in (0, 1, 2) else (_error_text(data) or f"status {status}")
    url = _video_url(data.get("result")) if status == STATUS_SUCCEEDED else None
    if status == STATUS_SUCCEEDED and url is None:
        raise APIResponseError("query reported success without a result URL")
    return JobState(status=status, video_url=url, error=error, raw=data)


def _video_url(result: Any) -> str | None:
    """The result URL, wherever this answer put it: the seed shows `images` for a video."""
    if not isinstance(result, Mapping):
        return None
    for key in ("videos", "images"):
        items = result.get(key)
        if isinstance(items, list):
            for item in items:
                if isinstance(item, Mapping) and isinstance(item.get("url"), str):
                    return item["url"]
    video = result.get("video")
    if isinstance(video, Mapping) and isinstance(video.get("url"), str):
        return video["url"]
    url = result.get("url")
    return url if isinstance(url, str) else None


def _error_text(payload: Mapping[str, Any]) -> str | None:
    """The API's reason, which answers put under `message`, `msg`, `info` or `error`."""
    for source in (payload, payload.get("data")):
        if not isinstance(source, Mapping):
            continue
        for key in ("message", "msg", "info", "error"):
            value = source.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
            if isinstance(value, Mapping) and isinstance(value.get("message"), str):
                return value["message"]
    return None


def _int_or(value: Any, default: int | None) -> int | None:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return default


def _decimal_or_none(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


__all__ = [
    "Answer",
    "CreatedJob",
    "InlineImage",
    "JobState",
    "ShortAPIClient",
    "ShortAPIError",
    "Transport",
]
