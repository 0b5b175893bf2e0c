"""How the Bot API server reads a request: transports, parameter typing, errors, call log."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

# Telegram refuses any request carrying more than 50 MB of upload (bots on the cloud API).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_CHUNK = 256 * 1024


class ApiError(Exception):
    """A Bot API error reply: {"ok": false, "error_code": N, "description": ...}."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body the real server sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class JsonText(str):
    """A parameter a JSON body gave as a number, object or array, re-encoded as JSON text.

    The server's arguments are strings whatever the transport; this marks the ones that were
    not strings in the body, so a String parameter given an object can be told from a string
    that merely contains JSON (provider_data is one).
    """


def bad_request(reason: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {reason}")


def standard_error(code: int, description: str | None, retry_after: int | None) -> ApiError:
    """The error the real server gives for an HTTP code, with its usual description."""
    if code == 429:
        retry_after = 5 if retry_after is None else retry_after
        return ApiError(
            429, description or f"Too Many Requests: retry after {retry_after}", retry_after
        )
    defaults = {
        400: "Bad Request: bad request",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
        413: "Request Entity Too Large",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }
    return ApiError(code, description or defaults.get(code, "Internal Server Error"), retry_after)


@dataclass
class UploadedFile:
    """One multipart file part as received (data is None when it was over the limit)."""

    field: str
    filename: str | None
    content_type: str | None
    size: int
    data: bytes | None


@dataclass
class Call:
    """One Bot API request as the fake saw it."""

    method: str
    params: dict[str, Any]
    time: float
    files: dict[str, UploadedFile] = field(default_factory=dict)
    http_status: int = 0
    result: Any = None
    error: str | None = None

    def short(self) -> str:
        """One line for failure messages."""
        shown = {
            k: (v if len(repr(v)) < 120 else repr(v)[:117] + "...") for k, v in self.params.items()
        }
        files = {k: f"<{f.size} bytes>" for k, f in self.files.items()}
        outcome = f"-> {self.http_status} {self.error}" if self.error else "-> ok"
        return f"{self.method}({shown}{', files=' + str(files) if files else ''}) {outcome}"


async def read_request(request: web.Request) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Collect parameters from the query string and the body, as strings, plus file parts."""
    raw: dict[str, str] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    ctype = request.content_type
    if request.method != "POST" or not request.can_read_body:
        return raw, files
    if ctype == "application/json":
        try:
            body = json.loads(await request.read() or b"{}")
        except ValueError as exc:
            raise bad_request("can't parse JSON encoded request") from exc
        if not isinstance(body, dict):
            raise bad_request("JSON object expected as request body")
        # The server turns a JSON body back into string arguments: strings stay, anything
        # else is re-encoded as JSON, exactly like a form field PTB JSON-encoded itself.
        for key, value in body.items():
            if value is None:
                continue
            raw[key] = value if isinstance(value, str) else JsonText(json.dumps(value))
    elif ctype == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if part is None or not hasattr(part, "read_chunk"):
                continue
            name = part.name or ""
            if part.filename is None:
                raw[name] = (await part.read()).decode("utf-8", "replace")
                continue
            chunks: list[bytes] = []
            size = 0
            while chunk := await part.read_chunk(_CHUNK):
                size += len(chunk)
                if size <= MAX_UPLOAD_BYTES:
                    chunks.append(chunk)
                else:
                    chunks.clear()  # drain but do not hold what will be refused anyway
            data = b"".join(chunks) if size <= MAX_UPLOAD_BYTES else None
            files[name] = UploadedFile(
                name, part.filename, part.headers.get("Content-Type"), size, data
            )
    elif ctype in ("application/x-www-form-urlencoded", ""):
        form = await request.post()
        raw.update({k: v for k, v in form.items() if isinstance(v, str)})
    return raw, files


# Parameter types the way telegram-bot-api reads its string arguments. Anything not listed is
# a string; unknown parameters are kept as given (the real server ignores them).
_INT = frozenset(
    {
        "message_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "duration",
        "width",
        "height",
        "cache_time",
        "message_thread_id",
        "user_id",
        "max_connections",
    }
)
_BOOL = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "show_alert",
        "supports_streaming",
        "has_spoiler",
        "drop_pending_updates",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "show_caption_above_media",
        "allow_paid_broadcast",
    }
)
_JSON = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "commands",
        "scope",
        "entities",
        "caption_entities",
        "allowed_updates",
        "link_preview_options",
    }
)


def _parse_json_param(name: str, value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError as exc:
        if name == "reply_markup":
            raise bad_request("can't parse reply keyboard markup JSON object") from exc
        if name in ("entities", "caption_entities"):
            raise bad_request("can't parse entities JSON object") from exc
        raise bad_request(f"can't parse {name} JSON object") from exc


def decode_params(raw: dict[str, str]) -> dict[str, Any]:
    """Type each string argument the way the Bot API server does."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name in _INT:
            try:
                # PTB sends a fractional timedelta as a float; the server truncates it.
                out[name] = int(float(value)) if name == "timeout" else int(value)
            except ValueError as exc:
                raise bad_request(f'field "{name}" must be a valid Number') from exc
        elif name in _BOOL:
            # telegram-bot-api: only "true" and "1" are true, everything else is false.
            out[name] = value.strip().lower() in ("true", "1")
        elif name in _JSON:
            out[name] = _parse_json_param(name, value)
        elif name == "chat_id":
            # An integer id, or "@channelusername" for public chats.
            try:
                out[name] = int(value)
            except ValueError:
                out[name] = value
        else:
            out[name] = value
    return out


def ok(result: Any) -> web.Response:
    """A successful Bot API reply."""
    return web.json_response({"ok": True, "result": result})


def fail(err: ApiError) -> web.Response:
    """An error Bot API reply with the real HTTP status."""
    return web.json_response(err.payload(), status=err.code)


def now() -> int:
    """Unix time as Telegram puts it in `date` fields."""
    return int(time.time())
