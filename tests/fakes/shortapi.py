"""A fake ShortAPI (api.shortapi.ai) serving the Veo 3.1 family: image-to-video, text-to-video,
first-last-frame-to-video, reference-to-video and extend-video (_shortapi_model.SCHEMAS).

Errors follow the API's convention: HTTP 200 with {"code": N != 0, "message": ...} and no
data, except a bad API key which is HTTP 401. Jobs walk through a script of statuses, one
per query, and a finished job's video is served by this same fake under /files/.

Like the real service, it downloads each image (and the video to extend) given by URL while
creating the job (refused if one cannot be fetched), and can POST the job's callback_url
(on demand, or by itself when the job finishes on a timer).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import secrets
import time
from typing import Any

from aiohttp import web

from . import _outbound
from ._base import FakeServer
from ._shortapi_model import (
    EXTEND_MODEL,
    FRAMES_MODEL,
    MODEL_ID,
    RATES,
    REFERENCE_MODEL,
    RESULT_SHAPES,
    SCHEMAS,
    TEXT_MODEL,
    CreateRecord,
    Fault,
    ImageFetch,
    Invalid,
    Job,
    Schema,
    amount,
    decode_data_uri,
    price,
    validate,
)
from ._video import real_mp4, video_chunks

__all__ = [
    "EXTEND_MODEL",
    "FRAMES_MODEL",
    "MODEL_ID",
    "RATES",
    "REFERENCE_MODEL",
    "RESULT_SHAPES",
    "TEXT_MODEL",
    "CreateRecord",
    "FakeShortAPI",
    "ImageFetch",
    "Job",
    "Schema",
    "amount",
    "price",
]
# Bigger images than any the bot sends; a cap keeps a runaway answer out of memory.
MAX_IMAGE_BYTES = 32 * 1024 * 1024
# A 4K Veo video is about 50 MB; an extension's input is 720p, far less.
MAX_VIDEO_BYTES = 256 * 1024 * 1024
# The User-Agent of the fake's own input fetches: one of its own result URLs fetched so (a
# video to extend) is not a download of the bot's, so it is not in `downloads` and takes no
# fail_next_download fault.
FETCHER = "FakeShortAPI-fetcher"


class FakeShortAPI(FakeServer):
    """Fake ShortAPI: /api/v1/job/create, /api/v1/job/query and /files/<job>.mp4."""

    def __init__(self, api_key: str = "sk-test-key-0123456789") -> None:
        super().__init__()
        self.api_key = api_key
        self.result_shape = "images"
        self.failure_error = "content policy violation"
        # What a finished job serves: these exact bytes; else `video_size` stand-in bytes (a
        # big file nothing decodes); else, by default, a real decodable MP4 (real_mp4()).
        self.video_bytes: bytes | None = None
        self.video_size: int | None = None
        # False: results are sent with chunked transfer encoding and no Content-Length, as a
        # CDN streaming a file may; a client then only learns the size by reading it.
        self.content_length = True
        self.creates: list[CreateRecord] = []
        self.queries: list[str] = []
        # Every query as (time.monotonic(), job id, the port it came in on: see listen_also).
        self.query_log: list[tuple[float, str, int]] = []
        self.downloads: list[str] = []
        self.jobs: dict[str, Job] = {}
        # The models it serves: a test may add one (the seed's is always checked as the API does).
        self.schemas: dict[str, Schema] = dict(SCHEMAS)
        self._script: list[int | dict[str, Any]] = [0, 1, 2]
        self._faults: dict[str, list[Fault]] = {"create": [], "query": [], "download": []}
        self.image_fetches: list[ImageFetch] = []
        # The fetches of the videos to extend (extend-video's `video`), like image_fetches.
        self.video_fetches: list[ImageFetch] = []
        # refuse_combination(): (model, args that must all match, code, message).
        self._refusals: list[tuple[str, dict[str, Any], int, str]] = []
        self.callbacks: list[tuple[str, int | None]] = []
        # Opt-in: jobs end `finish_after` seconds after creation and call back once, by
        # themselves, instead of advancing one script step per query.
        self.auto_callback = False
        self.finish_after = 1.0
        # Opt-in: jobs run (status 1) until the test sets job.finished, however often queried.
        self.hold_jobs = False
        # Jobs whose result URL no longer serves (expire()): ShortAPI publishes no retention.
        self.expired: set[str] = set()
        self._timers: set[asyncio.Task[None]] = set()

    async def stop(self) -> None:
        """Stop serving; jobs still waiting to finish by themselves never do."""
        timers, self._timers = self._timers, set()
        for timer in timers:
            timer.cancel()
        if timers:
            await asyncio.wait(timers)
        await super().stop()

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
        disconnect: bool = False,
    ) -> None:
        """Make the next creates fail ({"code": code, "message": ...}, or a raw body).

        disconnect=True: the request is read (and recorded in `creates`), then the connection
        is closed without an answer, so the client cannot tell whether the job was made.
        """
        payload = body if body is not None else {"code": code, "message": message}
        self._faults["create"] += [Fault(http_status, payload, delay, disconnect)] * times

    def fail_next_query(
        self,
        http_status: int | None = 500,
        times: int = 1,
        body: Any = None,
        delay: float | None = None,
        disconnect: bool = False,
    ) -> None:
        """Make the next queries fail; str/bytes body = malformed, http_status=None = delay,
        disconnect=True = the connection closed without an answer.
        """
        self._faults["query"] += [Fault(http_status, body, delay, disconnect)] * times

    def fail_next_download(
        self,
        http_status: int | None = 500,
        times: int = 1,
        delay: float | None = None,
        disconnect: bool = False,
    ) -> None:
        """Make the next video downloads fail (or only be slow, with http_status=None)."""
        self._faults["download"] += [Fault(http_status, None, delay, disconnect)] * times

    def expire(self, job_id: str) -> None:
        """Make a job's result URL answer 404 from now on, as a result past its (unpublished)
        retention; the job itself is still known to queries."""
        self.expired.add(job_id)

    def refuse_combination(
        self, model: str, args: dict[str, Any], message: str, code: int = 400
    ) -> None:
        """Refuse, from now on, every create of `model` whose args include all of `args` (as
        sent: an arg left out does not match), as Google's API may refuse a combination
        ShortAPI lists (e.g. 1080p at 4 s): {"code": code, "message": message}, no job, no
        charge. Checked after validation, before any input is fetched."""
        if model not in self.schemas:
            raise ValueError(f"the fake does not serve {model!r}")
        self._refusals.append((model, dict(args), code, message))

    async def fire_callback(self, job_id: str, body: dict[str, Any] | None = None) -> int:
        """POST the job's callback_url (default body: job_id and current status); HTTP status."""
        job = self.jobs[job_id]
        if job.callback_url is None:
            raise ValueError(f"job {job_id} has no callback_url")
        if body is None:
            body = {"job_id": job_id, "status": job.current_status()}
        try:
            answer = await _outbound.request("POST", job.callback_url, body=body)
        except _outbound.ERRORS:
            self.callbacks.append((job_id, None))
            self._notify()
            raise
        self.callbacks.append((job_id, answer.status))
        self._notify()
        return answer.status

    async def _finish_later(self, job: Job, delay: float) -> None:
        await asyncio.sleep(delay)
        job.finished = True
        self._notify()
        if job.callback_url is not None:
            # The outcome is in self.callbacks; nobody awaits this task to see an error.
            with contextlib.suppress(*_outbound.ERRORS):
                await self.fire_callback(job.job_id)

    def _describe(self) -> str:
        creates = [f"  create {c.body!r:.200} -> {c.response!r:.200}" for c in self.creates[-5:]]
        return (
            f"{len(self.creates)} creates, queries: {self.queries[-20:]}, "
            f"downloads: {self.downloads}, image fetches: "
            f"{[(f.url, f.status, f.error) for f in self.image_fetches[-5:]]}, "
            f"callbacks: {self.callbacks[-5:]}\n" + "\n".join(creates)
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

    async def _fault(self, kind: str, request: web.Request) -> web.StreamResponse | None:
        if not self._faults[kind]:
            return None
        fault = self._faults[kind].pop(0)
        if fault.delay:
            # The request is here and held: a test may act while it is in flight (a create is
            # recorded on arrival, but otherwise only noticed once answered).
            self._notify()
            await asyncio.sleep(fault.delay)  # server-side latency, to trip client timeouts
        if fault.disconnect:
            await request.read()  # the whole request arrived: the service could act on it
            if request.transport is not None:
                request.transport.close()
            # aiohttp cannot write this to a closed transport; the client sees no answer.
            return web.Response(status=500)
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
        response = await self._create_response(request, body, record)
        if request.transport is None or request.transport.is_closing():
            self._notify()  # dropped on purpose: no answer, so http_status stays 0
            return response
        record.http_status = response.status
        if isinstance(response, web.Response) and response.body is not None:
            try:
                record.response = json.loads(bytes(response.body))  # type: ignore[arg-type]
            except (ValueError, TypeError):
                record.response = response.body
        self._notify()
        return response

    async def _create_response(
        self, request: web.Request, body: Any, record: CreateRecord
    ) -> web.StreamResponse:
        if not self._authorized(request):
            return self._unauthorized()
        faulty = await self._fault("create", request)
        if faulty is not None:
            return faulty
        try:
            args, callback_url = validate(body, self.schemas)
        except Invalid as exc:
            return web.json_response({"code": 400, "message": str(exc)})
        schema = self.schemas[body["model"]]
        for model, match, code, message in self._refusals:
            if model == body["model"] and all(
                k in args and args[k] == v for k, v in match.items()
            ):
                return web.json_response({"code": code, "message": message})
        refused = await self._take_inputs(schema, args, record)
        if refused is not None:
            return web.json_response({"code": 400, "message": refused})
        amount = schema.amount(args)
        job = Job(
            job_id=secrets.token_hex(16),
            args=args,
            amount=amount,
            script=copy.deepcopy(self._script),
            callback_url=callback_url,
            result_shape=self.result_shape,
            video=None if self.video_size is not None else self._video(),
            video_size=self.video_size or 0,
        )
        self.jobs[job.job_id] = job
        job.auto_finish = self.hold_jobs
        if self.auto_callback:
            job.auto_finish = True
            timer = asyncio.create_task(self._finish_later(job, self.finish_after))
            self._timers.add(timer)
            timer.add_done_callback(self._timers.discard)
        return web.json_response({"code": 0, "data": {"amount": amount, "job_id": job.job_id}})

    def _video(self) -> bytes:
        return self.video_bytes if self.video_bytes is not None else real_mp4()

    async def _query(self, request: web.Request) -> web.StreamResponse:
        if not self._authorized(request):
            return self._unauthorized()
        job_id = request.query.get("id", "")
        self.queries.append(job_id)
        self.query_log.append((time.monotonic(), job_id, self.served_by(request)))
        self._notify()
        faulty = await self._fault("query", request)
        if faulty is not None:
            return faulty
        if not job_id:
            return web.json_response({"code": 400, "message": "id is required"})
        job = self.jobs.get(job_id)
        if job is None:
            return web.json_response({"code": 404, "message": "job not found"})
        # One script step per query; the last step repeats forever.
        step = job.current_step()
        job.step += 1
        return web.json_response({"code": 0, "data": self._payload(job, step)})

    async def _take_inputs(
        self, schema: Schema, args: dict[str, Any], record: CreateRecord
    ) -> str | None:
        """Fetch (or decode) every image and video of a valid create, as the service does
        before accepting a job, into record.inputs; why the job is refused, or None."""
        for name in schema.images:
            if name in args:
                data = await self._image(args[name], name, record)
                if data is None:
                    return "failed to fetch image"
                record.inputs[name] = data
        for name in schema.image_lists:
            if name in args:
                record.inputs[name] = []
                for i, value in enumerate(args[name]):
                    data = await self._image(value, f"{name}[{i}]", record)
                    if data is None:
                        return f"failed to fetch image {name}[{i}]"
                    record.inputs[name].append(data)
        for name in schema.videos:
            if name in args:
                fetch = await self._fetch(args[name], name, record, self.video_fetches)
                if fetch.error is not None:
                    return f"failed to fetch video ({name}): {fetch.error}"
                record.inputs[name] = fetch.data
        return None

    async def _image(self, value: str, arg: str, record: CreateRecord) -> bytes | None:
        if value.startswith("data:"):
            return decode_data_uri(value)
        fetch = await self._fetch(value, arg, record, self.image_fetches)
        return fetch.data if fetch.error is None else None

    async def _fetch(
        self, url: str, arg: str, record: CreateRecord, log: list[ImageFetch]
    ) -> ImageFetch:
        """Download an input as the service does before accepting a job."""
        fetch = ImageFetch(url, None, b"", None, arg=arg)
        log.append(fetch)
        record.fetches.append(fetch)
        limit = MAX_VIDEO_BYTES if log is self.video_fetches else MAX_IMAGE_BYTES
        try:
            answer = await _outbound.request(
                "GET", url, limit=limit, headers={"User-Agent": FETCHER}
            )
        except _outbound.ERRORS as exc:
            fetch.error = _outbound.describe_error(exc)
        else:
            fetch.status, fetch.data = answer.status, answer.data
            fetch.content_type = answer.content_type
            if answer.status != 200:
                fetch.error = f"HTTP {answer.status} {answer.reason}"
        self._notify()
        return fetch

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
        job = self.jobs.get(name.removesuffix(".mp4"))  # file names are "<job id>.mp4"
        if request.headers.get("User-Agent") != FETCHER:  # else: the fake's own input fetch
            self.downloads.append(name)
            self._notify()
            faulty = await self._fault("download", request)
            if faulty is not None:
                return faulty
        if job is None or job.job_id in self.expired:
            return web.Response(status=404, text="Not Found")
        response = web.StreamResponse(headers={"Content-Type": "video/mp4"})
        if self.content_length:
            response.content_length = job.video_size if job.video is None else len(job.video)
        else:
            response.enable_chunked_encoding()
        await response.prepare(request)
        if request.method != "HEAD":
            chunks = (
                video_chunks(job.video_size)
                if job.video is None
                else (job.video[i : i + 256 * 1024] for i in range(0, len(job.video), 256 * 1024))
            )
            try:
                for chunk in chunks:
                    await response.write(chunk)
            except ConnectionError:
                # The client stopped reading (a size cap, a timeout): nothing more to send.
                return response
        await response.write_eof()
        return response
