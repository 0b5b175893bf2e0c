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
# The rest of the Veo 3.1 family (/work/shared/seed/veo-3.1-family.md): same calls, other args.
TEXT_MODEL = "google/veo-3.1/text-to-video"
FRAMES_MODEL = "google/veo-3.1/first-last-frame-to-video"
REFERENCE_MODEL = "google/veo-3.1/reference-to-video"
EXTEND_MODEL = "google/veo-3.1/extend-video"
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
_FREE_SHAPE = ("16:9", "9:16")  # no "auto": nothing to take a frame shape from
_TEXT_ARGS = {
    "mode",
    "prompt",
    "negative_prompt",
    "duration",
    "aspect_ratio",
    "resolution",
    "generate_audio",
    "expand_prompt",
}
_REFERENCE_ARGS = {"prompt", "images", "duration", "aspect_ratio", "resolution", "generate_audio"}
_EXTEND_ARGS = {
    "mode",
    "prompt",
    "negative_prompt",
    "video",
    "duration",
    "aspect_ratio",
    "resolution",
    "generate_audio",
}
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
    # Args holding one image: an http(s) URL (fetched at create) or a base64 data URI.
    images: tuple[str, ...] = ("image",)
    # Args holding a JSON list of such images: name -> (fewest, most).
    image_lists: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    # Args holding a video's http(s) URL, fetched (GET) at create like an image.
    videos: tuple[str, ...] = ()
    # Free text args: strings ("prompt" must not be blank).
    texts: tuple[str, ...] = ("prompt",)


def _seed_amount(args: dict[str, Any]) -> str:
    return price(
        args["mode"],
        args.get("resolution", "720p"),
        args.get("generate_audio", False),
        args.get("duration", "8"),
    )


def _reference_amount(args: dict[str, Any]) -> str:
    # No mode: Quality's rates, always 8 seconds.
    return price("quality", args.get("resolution", "720p"), args.get("generate_audio", False), "8")


def _extend_amount(args: dict[str, Any]) -> str:
    # 720p only, so never the 4K rates; 7 seconds added.
    return price(args["mode"], "720p", args.get("generate_audio", False), "7")


# The models the fake serves, by id; a test may give a fake another (FakeShortAPI.schemas).
SCHEMAS: dict[str, Schema] = {
    MODEL_ID: Schema(
        frozenset(_ARGS), ("mode", "prompt", "image"), _CHOICES, ("generate_audio",), _seed_amount
    ),
    TEXT_MODEL: Schema(
        frozenset(_TEXT_ARGS),
        ("mode", "prompt"),
        {**_CHOICES, "aspect_ratio": _FREE_SHAPE},
        ("generate_audio", "expand_prompt"),
        _seed_amount,
        images=(),
        texts=("prompt", "negative_prompt"),
    ),
    FRAMES_MODEL: Schema(
        frozenset(_ARGS | {"image_tail"}),
        ("mode", "prompt", "image", "image_tail"),
        _CHOICES,
        ("generate_audio",),
        _seed_amount,
        images=("image", "image_tail"),
    ),
    REFERENCE_MODEL: Schema(
        frozenset(_REFERENCE_ARGS),
        ("prompt", "images"),
        {"duration": ("8",), "aspect_ratio": _FREE_SHAPE, "resolution": _CHOICES["resolution"]},
        ("generate_audio",),
        _reference_amount,
        images=(),
        image_lists={"images": (1, 3)},
    ),
    EXTEND_MODEL: Schema(
        frozenset(_EXTEND_ARGS),
        ("mode", "prompt", "video"),
        {**_CHOICES, "duration": ("7",), "resolution": ("720p",)},
        ("generate_audio",),
        _extend_amount,
        images=(),
        videos=("video",),
        texts=("prompt", "negative_prompt"),
    ),
}


def amount(model: str, args: dict[str, Any]) -> str:
    """What a create of this model with these (valid) args costs, as the API prints it."""
    return SCHEMAS[model].amount(args)


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
    # The inputs the fake got for this create, by arg: the bytes fetched or decoded for each
    # image and video ("images": a list of bytes); only for a create that passed validation.
    inputs: dict[str, Any] = field(default_factory=dict)
    # The URLs it fetched for it (images and videos), in order, failed ones included.
    fetches: list[ImageFetch] = field(default_factory=list)


@dataclass
class ImageFetch:
    """One download of a job's image (or video) URL by the fake, as a service validating its
    input; `arg` says which: "image", "image_tail", "images[0]", "video"..."""

    url: str
    status: int | None
    data: bytes
    content_type: str | None
    error: str | None = None
    arg: str = "image"


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
    for name in schema.texts:
        if name in args and not isinstance(args[name], str):
            raise Invalid(f"args.{name} must be a string")
    if "prompt" in args and not (isinstance(args["prompt"], str) and args["prompt"].strip()):
        raise Invalid("args.prompt must be a non-empty string")
    for name in schema.images:
        if name in args and not _valid_image(args[name]):
            raise Invalid(f"args.{name} must be {_AN_IMAGE}")
    for name, (fewest, most) in schema.image_lists.items():
        if name in args and not _valid_image_list(args[name], fewest, most):
            raise Invalid(
                f"args.{name} must be a list of {fewest} to {most} images, each {_AN_IMAGE}"
            )
    for name in schema.videos:
        if name in args and not is_http_url(args[name]):
            raise Invalid(f"args.{name} must be an http(s) URL of a video")
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


_AN_IMAGE = "an http(s) URL or a base64 data URI (data:image/jpeg|png|webp;base64,...)"


def _valid_image_list(value: Any, fewest: int, most: int) -> bool:
    return (
        isinstance(value, list)
        and fewest <= len(value) <= most
        and all(_valid_image(item) for item in value)
    )


def decode_data_uri(value: str) -> bytes:
    """The bytes of a data URI that validate() accepted."""
    match = _DATA_URI.fullmatch(value)
    assert match is not None
    return base64.b64decode(match.group(2), validate=True)


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
