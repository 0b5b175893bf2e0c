"""The sandbox (SHORTAPI_SANDBOX=true): ShortAPI's two calls answered here, with no request
made, so an operator can see the whole bot work before paying for a single video.

A simulated job's id says when it was made (`sandbox-<ms>-<random>`): its status follows the
clock from there, so a restart, or another replica, answers its query as the first would.
Its video is made from the user's photo by a `render` function the wiring passes in (bot/veo
imports nothing of the rest of the bot), kept on disk, and served to the bot's own HTTP client
by `SandboxFiles`, an httpx transport for the `sandbox.invalid` host, which no network
reaches ("invalid" is reserved for that: RFC 6761).
"""

import asyncio
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Protocol

import httpx

from bot.veo.client import (
    STATUS_QUEUED,
    STATUS_RUNNING,
    STATUS_SUCCEEDED,
    CreatedJob,
    InlineImage,
    JobState,
)
from bot.veo.errors import APIStatusError
from bot.veo.model import Options, Shape

log = logging.getLogger(__name__)

# What marks a simulated job's id (storage/estimates.py keeps the same words, so that a
# simulated video never teaches the bot how long a real one takes).
SIMULATED_PREFIX = "sandbox-"
SANDBOX_HOST = "sandbox.invalid"
SANDBOX_ORIGIN = f"http://{SANDBOX_HOST}"
# How a simulated job moves: queued this long, then generating until DONE_AFTER (long enough
# for the status message to show both: a bar moves at most every 10 s, telegram/notifier.py).
QUEUED_FOR = 2.0
DONE_AFTER = 16.0
# Sample videos are read by the delivery within minutes; a day is ample, and bounds the disk.
KEEP_SAMPLES = 86400.0

# (the user's photo or None, the video's seconds, its frame (width, height) unless the
# provider would choose it, where to write the MP4): blocking, run in a thread.
Render = Callable[[bytes | None, int, tuple[int, int] | None, Path], None]
# The length of a sample whose model declares none.
DEFAULT_SECONDS = 4


class JobAPI(Protocol):
    """ShortAPI's two calls, as the job runner makes them (ShortAPIClient, or the sandbox)."""

    async def create(
        self,
        options: Options,
        *,
        prompt: str,
        image: str | InlineImage | None,
        callback_url: str | None = None,
        inputs: Mapping[str, object] | None = None,
    ) -> CreatedJob:
        """Submit one job."""
        ...

    async def query(self, job_id: str) -> JobState:
        """A job's current status."""
        ...


def simulated(provider_job_id: str | None) -> bool:
    """Whether a job's ShortAPI id is the sandbox's (its video was simulated)."""
    return bool(provider_job_id) and provider_job_id.startswith(SIMULATED_PREFIX)


class Sandbox:
    """Answers create and query with no request made.

    `live`, when the operator has a key, answers the queries of jobs made before the sandbox
    was turned on (and the bot with a key routes simulated ids here after it is turned off):
    a job is asked of whoever made it.
    """

    def __init__(
        self,
        directory: Path,
        render: Render,
        *,
        live: JobAPI | None = None,
        enabled: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._dir = directory
        self._render = render
        self._live = live
        self._enabled = enabled
        self._clock = clock

    async def create(
        self,
        options: Options,
        *,
        prompt: str,
        image: str | InlineImage | None,
        callback_url: str | None = None,
        inputs: Mapping[str, object] | None = None,
    ) -> CreatedJob:
        """A simulated job, its video made now from the photo (inline images only: a hosted
        one is the bot's own URL, which need not be reachable from itself)."""
        if not self._enabled:
            assert self._live is not None
            return await self._live.create(
                options, prompt=prompt, image=image, callback_url=callback_url, inputs=inputs
            )
        made = self._clock()
        job_id = f"{SIMULATED_PREFIX}{int(made * 1000)}-{secrets.token_hex(8)}"
        # A model with no photo of its own (from references) shows its first inline image.
        firsts = [v[0] if isinstance(v, list) and v else v for v in (inputs or {}).values()]
        data = getattr(image, "data", None) or next(
            (one.data for one in firsts if isinstance(one, InlineImage)), None
        )
        photo = bytes(data) if isinstance(data, bytes | bytearray) else None
        shape = options.video_model.shape_of(options)
        await asyncio.to_thread(self._make, job_id, photo, shape)
        return CreatedJob(job_id=job_id, amount=Decimal(0))

    async def query(self, job_id: str) -> JobState:
        """A simulated job's status by the clock since it was made; any other job's from the
        live API."""
        if not simulated(job_id):
            if self._live is None:
                raise APIStatusError(404, "no ShortAPI key to ask about this job (sandbox)")
            return await self._live.query(job_id)
        try:
            made = int(job_id.removeprefix(SIMULATED_PREFIX).split("-")[0]) / 1000
        except ValueError:
            raise APIStatusError(404, "not a job of this sandbox") from None
        age = self._clock() - made
        if age < QUEUED_FOR:
            return JobState(STATUS_QUEUED, None, None, {"status": STATUS_QUEUED})
        if age < DONE_AFTER:
            return JobState(STATUS_RUNNING, None, None, {"status": STATUS_RUNNING})
        url = f"{SANDBOX_ORIGIN}/{job_id}.mp4"
        return JobState(STATUS_SUCCEEDED, url, None, {"status": STATUS_SUCCEEDED})

    def _make(self, job_id: str, photo: bytes | None, shape: Shape | None) -> None:
        self._dir.mkdir(parents=True, exist_ok=True)
        self._forget_old()
        final = self._dir / f"{job_id}.mp4"
        part = final.with_suffix(".part")
        seconds = shape.seconds if shape is not None else DEFAULT_SECONDS
        frame = None
        if shape is not None and shape.width and shape.height:
            frame = (shape.width, shape.height)
        self._render(photo, seconds, frame, part)
        part.replace(final)  # whole or absent: a crash leaves no half video to be served

    def _forget_old(self) -> None:
        before = self._clock() - KEEP_SAMPLES
        for path in self._dir.glob(f"{SIMULATED_PREFIX}*"):
            try:
                if path.stat().st_mtime < before:
                    path.unlink()
            except OSError:
                pass  # another replica took it first


class SandboxFiles(httpx.AsyncBaseTransport):
    """Serves the sandbox's videos to the bot's own HTTP client: `http://sandbox.invalid/<id>.mp4`
    is read from the sandbox's folder, and nothing else exists there."""

    def __init__(self, directory: Path) -> None:
        self._dir = directory

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """The file, or 404."""
        name = request.url.path.lstrip("/")
        path = self._dir / name
        if (
            request.method != "GET"
            or "/" in name
            or not name.startswith(SIMULATED_PREFIX)
            or not name.endswith(".mp4")
        ):
            return httpx.Response(404, request=request)
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except OSError:
            return httpx.Response(404, request=request)
        return httpx.Response(
            200,
            content=data,
            headers={"Content-Type": "video/mp4", "Content-Length": str(len(data))},
            request=request,
        )


__all__ = [
    "SANDBOX_ORIGIN",
    "SIMULATED_PREFIX",
    "JobAPI",
    "Render",
    "Sandbox",
    "SandboxFiles",
    "simulated",
]
