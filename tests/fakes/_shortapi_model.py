"""The data side of the fake ShortAPI: the model's arguments, prices, jobs and records."""

from __future__ import annotations

import base64
import binascii
import copy
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from ._video import video_bytes

MODEL_ID = "google/veo-3.1/image-to-video"
RESULT_SHAPES = ("images", "videos", "video", "url")
# $/second by (mode, 4k?, audio?), from the model page's Pricing paragraph.
RATES = {
    ("quality", False, False): Decimal("0.16"),
    ("quality", False, True): Decimal("0.32"),
    ("quality", True, False): Decimal("0.32"),
    ("quality", True, True): Decimal("0.48"),
    ("fast", False, False): Decimal("0.08"),
    ("fast", False, True): Decimal("0.12"),
    ("fast", True, False): Decimal("0.24"),
    ("fast", True, True): Decimal("0.28"),
}
_CHOICES = {
    "mode": ("quality", "fast"),
    "duration": ("4", "6", "8"),
    "aspect_ratio": ("auto", "16:9", "9:16"),
    "resolution": ("720p", "1080p", "4k"),
}
_ARGS = {"mode", "prompt", "image", "duration", "aspect_ratio", "resolution", "generate_audio"}
_DATA_URI = re.compile(r"data:image/(jpeg|png|webp);base64,(.+)", re.DOTALL)


def price(mode: str, resolution: str = "720p", audio: bool = False, duration: str = "8") -> str:
    """The job amount: rate per second × seconds, two decimals, as the API prints it."""
    rate = RATES[(mode, resolution == "4k", audio)]
    return str((rate * Decimal(duration)).quantize(Decimal("0.01")))


@dataclass(frozen=True)
class Schema:
    """One model's create args as the API checks them, and what its job costs."""

    args: frozenset[str]  # every argument it takes
    required: tuple[str, ...]
    choices: Mapping[str, tuple[str, ...]]  # string arguments with a fixed set of values
    booleans: tuple[str, ...]
    amount: Callable[[dict[str, Any]], str]


def _seed_amount(args: dict[str, Any]) -> str:
    return price(
        args["mode"],
        args.get("resolution", "720p"),
        args.get("generate_audio", False),
        args.get("duration", "8"),
    )


# The models the fake serves, by id; a test may give a fake another (FakeShortAPI.schemas).
SCHEMAS: dict[str, Schema] = {
    MODEL_ID: Schema(
        frozenset(_ARGS), ("mode", "prompt", "image"), _CHOICES, ("generate_audio",), _seed_amount
    )
}


class Invalid(Exception):
    """A create request the API refuses; the message is what it answers."""


@dataclass
class Job:
    """One generation job and how it will behave."""

    job_id: str
    args: dict[str, Any]
    amount: str
    script: list[int | dict[str, Any]]
    callback_url: str | None
    result_shape: str
    video: bytes | None
    video_size: int
    created: float = field(default_factory=time.time)
    step: int = 0
    # With FakeShortAPI.auto_callback: the job ends on a timer, not by being queried.
    auto_finish: bool = False
    finished: bool = False

    @property
    def file_name(self) -> str:
        """Name of the result file under /files/."""
        return f"{self.job_id}.mp4"

    def current_step(self) -> int | dict[str, Any]:
        """The script entry a query would answer now (without moving the script on)."""
        if self.finished:
            return self.script[-1]
        # Until its timer ends it, an auto-finishing job never reaches its last entry.
        running = self.script[:-1] if self.auto_finish else self.script
        if not running:
            return 1  # a one-entry script: "processing" until then
        return running[min(self.step, len(running) - 1)]

    def current_status(self) -> Any:
        """The status number of current_step()."""
        step = self.current_step()
        return step.get("status") if isinstance(step, dict) else step

    def video_content(self) -> bytes:
        """The exact bytes the result URL serves."""
        return self.video if self.video is not None else video_bytes(self.video_size)


@dataclass
class CreateRecord:
    """One POST /api/v1/job/create as received, with the answer given."""

    auth: str | None
    headers: dict[str, str]
    body: Any
    raw: bytes
    http_status: int = 0
    response: Any = None


@dataclass
class ImageFetch:
    """One download of a job's image URL by the fake, as a service validating its input."""

    url: str
    status: int | None
    data: bytes
    content_type: str | None
    error: str | None = None


@dataclass
class Fault:
    """A prepared failure of the next request of one kind."""

    http_status: int | None
    body: Any
    delay: float | None
    # Close the connection once the request is read, without answering: the client cannot
    # know whether the request was acted on (for a create: whether it will be charged).
    disconnect: bool = False


def validate(
    body: Any, schemas: Mapping[str, Schema] = SCHEMAS
) -> tuple[dict[str, Any], str | None]:
    """The job's arguments and callback URL from a create body, or Invalid."""
    if not isinstance(body, dict):
        raise Invalid("invalid request body: expected a JSON object")
    for key in body:
        if key not in ("model", "args", "callback_url"):
            raise Invalid(f'unknown field "{key}"')
    schema = schemas.get(body.get("model"))  # type: ignore[arg-type]
    if schema is None:
        raise Invalid(f"unsupported model {body.get('model')!r}")
    args = body.get("args")
    if not isinstance(args, dict):
        raise Invalid("args is required and must be an object")
    for key in args:
        if key not in schema.args:
            raise Invalid(f'unknown argument "args.{key}"')
    for name in schema.required:
        if name not in args:
            raise Invalid(f"args.{name} is required")
    for name, options in schema.choices.items():
        if name in args and args[name] not in options:
            shown = ", ".join(f'"{o}"' for o in options)
            raise Invalid(
                f"args.{name} must be one of {shown} (a string), got {json.dumps(args[name])}"
            )
    if not isinstance(args["prompt"], str) or not args["prompt"].strip():
        raise Invalid("args.prompt must be a non-empty string")
    if "image" in args and not _valid_image(args["image"]):
        raise Invalid(
            "args.image must be an http(s) URL or a base64 data URI "
            "(data:image/jpeg|png|webp;base64,...)"
        )
    for name in schema.booleans:
        if name in args and not isinstance(args[name], bool):
            raise Invalid(f"args.{name} must be a boolean")
    callback_url = body.get("callback_url")
    if callback_url is not None and not is_http_url(callback_url):
        raise Invalid("callback_url must be an http(s) URL")
    return copy.deepcopy(args), callback_url


def is_http_url(value: Any) -> bool:
    """Whether the value is an absolute http(s) URL."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _valid_image(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    if value.startswith("data:"):
        match = _DATA_URI.fullmatch(value)
        if not match:
            return False
        try:
            return bool(base64.b64decode(match.group(2), validate=True))
        except (binascii.Error, ValueError):
            return False
    return is_http_url(value)
