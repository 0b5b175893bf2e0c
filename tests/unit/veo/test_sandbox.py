"""The sandbox's answers to ShortAPI's two calls: a simulated job follows the clock from its
id, any other job is asked of the live API, and its video is served only to the bot."""

import os
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from bot.veo import APIStatusError, InlineImage, JobState, VideoOptions
from bot.veo.client import STATUS_QUEUED, STATUS_RUNNING, STATUS_SUCCEEDED, CreatedJob
from bot.veo.sandbox import (
    DONE_AFTER,
    QUEUED_FOR,
    SANDBOX_ORIGIN,
    Sandbox,
    SandboxFiles,
    simulated,
)


class Live:
    """The live API, recording what it is asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def create(
        self, options, *, prompt, image, callback_url=None, inputs=None
    ) -> CreatedJob:
        self.asked.append(f"create {prompt}")
        return CreatedJob("live-1", Decimal("0.64"))

    async def query(self, job_id: str) -> JobState:
        self.asked.append(f"query {job_id}")
        return JobState(STATUS_RUNNING, None, None, {})


class Renders:
    def __init__(self) -> None:
        self.made: list[tuple[bytes | None, int, tuple[int, int] | None]] = []

    def __call__(self, photo: bytes | None, seconds: int, frame, path: Path) -> None:
        self.made.append((photo, seconds, frame))
        path.write_bytes(b"MP4 of " + (photo or b"nothing"))


def sandbox(tmp_path: Path, now: list[float], live: Live | None = None, **kw) -> Sandbox:
    return Sandbox(tmp_path, Renders(), live=live, clock=lambda: now[0], **kw)


async def test_a_simulated_job_is_queued_then_made_then_done_by_the_clock(tmp_path):
    now = [1000.0]
    api = sandbox(tmp_path, now)
    created = await api.create(
        VideoOptions(), prompt="a kite", image=InlineImage(b"photo", "image/jpeg")
    )
    assert simulated(created.job_id) and created.amount == Decimal(0)
    assert (tmp_path / f"{created.job_id}.mp4").read_bytes() == b"MP4 of photo"
    seen = []
    for age in (0, QUEUED_FOR - 0.1, QUEUED_FOR, DONE_AFTER - 0.1, DONE_AFTER):
        now[0] = 1000.0 + age
        state = await api.query(created.job_id)
        seen.append((state.status, state.video_url))
    url = f"{SANDBOX_ORIGIN}/{created.job_id}.mp4"
    assert seen == [
        (STATUS_QUEUED, None),
        (STATUS_QUEUED, None),
        (STATUS_RUNNING, None),
        (STATUS_RUNNING, None),
        (STATUS_SUCCEEDED, url),
    ]


async def test_the_sample_has_the_options_shape_and_a_hosted_photo_is_not_fetched(tmp_path):
    renders = Renders()
    api = Sandbox(tmp_path, renders)
    await api.create(VideoOptions(), prompt="a", image="https://bot.example/m/abc.jpg")
    [(photo, seconds, frame)] = renders.made
    assert photo is None  # a plain sample: the bot's own address may not reach itself
    shape = VideoOptions().video_model.shape_of(VideoOptions())
    assert (seconds, frame) == (shape.seconds, (shape.width, shape.height))


async def test_a_job_of_the_live_api_is_asked_of_it_and_a_simulated_one_never(tmp_path):
    now = [1000.0]
    live = Live()
    api = sandbox(tmp_path, now, live)
    await api.query("live-7")
    made = await api.create(VideoOptions(), prompt="p", image=InlineImage(b"x", "image/png"))
    await api.query(made.job_id)
    assert live.asked == ["query live-7"]


async def test_turned_off_it_creates_on_the_live_api_and_still_answers_its_own(tmp_path):
    now = [1000.0]
    live = Live()
    api = sandbox(tmp_path, now, live, enabled=False)
    assert (await api.create(VideoOptions(), prompt="p", image="u")).job_id == "live-1"
    now[0] += DONE_AFTER
    state = await api.query("sandbox-1000000-ab")
    assert state.succeeded and state.video_url == f"{SANDBOX_ORIGIN}/sandbox-1000000-ab.mp4"
    assert live.asked == ["create p"]


async def test_without_a_key_another_job_is_unknown_and_so_is_a_forged_id(tmp_path):
    api = sandbox(tmp_path, [1000.0])
    for job_id in ("live-7", "sandbox-x-1"):
        with pytest.raises(APIStatusError) as caught:
            await api.query(job_id)
        assert caught.value.status_code == 404


async def test_old_samples_are_removed_when_a_new_one_is_made(tmp_path):
    now = [1000.0]
    api = sandbox(tmp_path, now)
    old = await api.create(VideoOptions(), prompt="p", image="u")
    path = tmp_path / f"{old.job_id}.mp4"
    os.utime(path, (0, 0))
    now[0] = 90_000.0
    new = await api.create(VideoOptions(), prompt="p", image="u")
    assert not path.exists() and (tmp_path / f"{new.job_id}.mp4").exists()


async def test_the_files_are_served_to_the_bot_and_nothing_else_is(tmp_path):
    (tmp_path / "sandbox-1-a.mp4").write_bytes(b"video")
    (tmp_path / "secret.txt").write_text("no")
    transport = SandboxFiles(tmp_path)
    async with httpx.AsyncClient(mounts={SANDBOX_ORIGIN: transport}) as http:
        ok = await http.get(f"{SANDBOX_ORIGIN}/sandbox-1-a.mp4")
        assert (ok.status_code, ok.content) == (200, b"video")
        assert ok.headers["content-type"] == "video/mp4"
        for path in ("secret.txt", "sandbox-2-b.mp4", "..%2Fsecret.txt", "sandbox-1-a.mp4/x"):
            assert (await http.get(f"{SANDBOX_ORIGIN}/{path}")).status_code == 404, path
        assert (await http.post(f"{SANDBOX_ORIGIN}/sandbox-1-a.mp4")).status_code == 404
