"""A fake ShortAPI (api.shortapi.ai) serving the Veo 3.1 image-to-video model.

Errors follow the API's convention: HTTP 200 with {"code": N != 0, "message": ...} and no
data, except a bad API key which is HTTP 401. Jobs walk through a script of statuses, one
per query, and a finished job's video is served by this same fake under /files/.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import copy
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from ._base import FakeServer
from ._video import DEFAULT_VIDEO_SIZE, video_bytes, video_chunks

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


class _Invalid(Exception):
    pass


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

    @property
    def file_name(self) -> str:
        """Name of the result file under /files/."""
        return f"{self.job_id}.mp4"

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
class _Fault:
    http_status: int | None
    body: Any
    delay: float | None


class FakeShortAPI(FakeServer):
    """Fake ShortAPI: /api/v1/job/create, /api/v1/job/query and /files/<job>.mp4."""

    def __init__(self, api_key: str = "sk-test-key-0123456789") -> None:
        super().__init__()
        self.api_key = api_key
        self.result_shape = "images"
        self.failure_error = "content policy violation"
        self.video_bytes: bytes | None = None
        self.video_size: int | None = None
        self.creates: list[CreateRecord] = []
        self.queries: list[str] = []
        self.downloads: list[str] = []
        self.jobs: dict[str, Job] = {}
        self._script: list[int | dict[str, Any]] = [0, 1, 2]
        self._faults: dict[str, list[_Fault]] = {"create": [], "query": [], "download": []}

    # -- driver ------------------------------------------------------------------------------

    def script(self, statuses: list[int | dict[str, Any]]) -> None:
        """Statuses (or raw data payloads) that jobs created from now on go through."""
        if not statuses:
            raise ValueError("a script needs at least one status")
        self._script = list(statuses)

    def fail_next_create(
        self,
        code: int = 500,
        message: str = "internal server error",
        http_status: int = 200,
        times: int = 1,
        body: Any = None,
        delay: float | None = None,
    ) -> None:
        """Make the next creates fail ({"code": code, "message": ...}, or a raw body)."""
        payload = body if body is not None else {"code": code, "message": message}
        self._faults["create"] += [_Fault(http_status, payload, delay)] * times

    def fail_next_query(
        self,
        http_status: int | None = 500,
        times: int = 1,
        body: Any = None,
        delay: float | None = None,
    ) -> None:
        """Make the next queries fail; str/bytes body = malformed, http_status=None = delay."""
        self._faults["query"] += [_Fault(http_status, body, delay)] * times

    def fail_next_download(
        self, http_status: int | None = 500, times: int = 1, delay: float | None = None
    ) -> None:
        """Make the next video downloads fail (or only be slow, with http_status=None)."""
        self._faults["download"] += [_Fault(http_status, None, delay)] * times

    def _describe(self) -> str:
        creates = [f"  create {c.body!r:.200} -> {c.response!r:.200}" for c in self.creates[-5:]]
        return (
            f"{len(self.creates)} creates, queries: {self.queries[-20:]}, "
            f"downloads: {self.downloads}\n" + "\n".join(creates)
        )

    # -- HTTP --------------------------------------------------------------------------------

    def _build_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024**2)
        app.router.add_post("/api/v1/job/create", self._create)
        app.router.add_get("/api/v1/job/query", self._query)
        app.router.add_get("/files/{name}", self._download)
        return app

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {self.api_key}"

    @staticmethod
    def _unauthorized() -> web.Response:
        return web.json_response({"code": 401, "message": "invalid api key"}, status=401)

    async def _fault(self, kind: str) -> web.StreamResponse | None:
        if not self._faults[kind]:
            return None
        fault = self._faults[kind].pop(0)
        if fault.delay:
            await asyncio.sleep(fault.delay)  # server-side latency, to trip client timeouts
        if fault.http_status is None:
            return None
        headers = {"Retry-After": "1"} if fault.http_status == 429 else None
        if isinstance(fault.body, str | bytes):
            return web.Response(
                status=fault.http_status,
                body=fault.body,
                headers=headers,
                content_type="text/html",
            )
        body = (
            fault.body
            if fault.body is not None
            else {"code": fault.http_status, "message": "internal server error"}
        )
        return web.json_response(body, status=fault.http_status, headers=headers)

    async def _create(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = None
        record = CreateRecord(
            request.headers.get("Authorization"), dict(request.headers), body, raw
        )
        self.creates.append(record)
        response = await self._create_response(request, body)
        record.http_status = response.status
        if isinstance(response, web.Response) and response.body is not None:
            try:
                record.response = json.loads(bytes(response.body))  # type: ignore[arg-type]
            except (ValueError, TypeError):
                record.response = response.body
        self._notify()
        return response

    async def _create_response(self, request: web.Request, body: Any) -> web.StreamResponse:
        if not self._authorized(request):
            return self._unauthorized()
        faulty = await self._fault("create")
        if faulty is not None:
            return faulty
        try:
            args, callback_url = self._validate(body)
        except _Invalid as exc:
            return web.json_response({"code": 400, "message": str(exc)})
        amount = price(
            args["mode"],
            args.get("resolution", "720p"),
            args.get("generate_audio", False),
            args.get("duration", "8"),
        )
        job = Job(
            job_id=secrets.token_hex(16),
            args=args,
            amount=amount,
            script=copy.deepcopy(self._script),
            callback_url=callback_url,
            result_shape=self.result_shape,
            video=self.video_bytes,
            video_size=self.video_size
            or (len(self.video_bytes) if self.video_bytes else DEFAULT_VIDEO_SIZE),
        )
        if self.video_size is not None:
            job.video = None
        self.jobs[job.job_id] = job
        return web.json_response({"code": 0, "data": {"amount": amount, "job_id": job.job_id}})

    @staticmethod
    def _validate(body: Any) -> tuple[dict[str, Any], str | None]:
        if not isinstance(body, dict):
            raise _Invalid("invalid request body: expected a JSON object")
        for key in body:
            if key not in ("model", "args", "callback_url"):
                raise _Invalid(f'unknown field "{key}"')
        if body.get("model") != MODEL_ID:
            raise _Invalid(f"unsupported model {body.get('model')!r}")
        args = body.get("args")
        if not isinstance(args, dict):
            raise _Invalid("args is required and must be an object")
        for key in args:
            if key not in _ARGS:
                raise _Invalid(f'unknown argument "args.{key}"')
        for name in ("mode", "prompt", "image"):
            if name not in args:
                raise _Invalid(f"args.{name} is required")
        for name, options in _CHOICES.items():
            if name in args and args[name] not in options:
                shown = ", ".join(f'"{o}"' for o in options)
                raise _Invalid(
                    f"args.{name} must be one of {shown} (a string), got {json.dumps(args[name])}"
                )
        if not isinstance(args["prompt"], str) or not args["prompt"].strip():
            raise _Invalid("args.prompt must be a non-empty string")
        if not _valid_image(args["image"]):
            raise _Invalid(
                "args.image must be an http(s) URL or a base64 data URI "
                "(data:image/jpeg|png|webp;base64,...)"
            )
        if "generate_audio" in args and not isinstance(args["generate_audio"], bool):
            raise _Invalid("args.generate_audio must be a boolean")
        callback_url = body.get("callback_url")
        if callback_url is not None and not _valid_url(callback_url):
            raise _Invalid("callback_url must be an http(s) URL")
        return copy.deepcopy(args), callback_url

    async def _query(self, request: web.Request) -> web.StreamResponse:
        if not self._authorized(request):
            return self._unauthorized()
        job_id = request.query.get("id", "")
        self.queries.append(job_id)
        self._notify()
        faulty = await self._fault("query")
        if faulty is not None:
            return faulty
        if not job_id:
            return web.json_response({"code": 400, "message": "id is required"})
        job = self.jobs.get(job_id)
        if job is None:
            return web.json_response({"code": 404, "message": "job not found"})
        # One script step per query; the last step repeats forever.
        step = job.script[min(job.step, len(job.script) - 1)]
        job.step += 1
        return web.json_response({"code": 0, "data": self._payload(job, step)})

    def _payload(self, job: Job, step: int | dict[str, Any]) -> dict[str, Any]:
        if isinstance(step, dict):
            return copy.deepcopy(step)
        if step in (0, 1):
            return {"status": step}
        if step == 2:
            url = f"{self.base_url}/files/{job.file_name}"
            result = {
                "images": {"images": [{"url": url}]},
                "videos": {"videos": [{"url": url}]},
                "video": {"video": {"url": url}},
                "url": {"url": url},
            }[job.result_shape]
            return {"status": 2, "result": result}
        return {"status": step, "error": self.failure_error}

    async def _download(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        job = next((j for j in self.jobs.values() if j.file_name == name), None)
        self.downloads.append(name)
        self._notify()
        faulty = await self._fault("download")
        if faulty is not None:
            return faulty
        if job is None:
            return web.Response(status=404, text="Not Found")
        response = web.StreamResponse(headers={"Content-Type": "video/mp4"})
        response.content_length = job.video_size if job.video is None else len(job.video)
        await response.prepare(request)
        if request.method != "HEAD":
            chunks = (
                video_chunks(job.video_size)
                if job.video is None
                else (job.video[i : i + 256 * 1024] for i in range(0, len(job.video), 256 * 1024))
            )
            for chunk in chunks:
                await response.write(chunk)
        await response.write_eof()
        return response


def _valid_url(value: Any) -> bool:
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
    return _valid_url(value)
