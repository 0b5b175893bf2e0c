"""An extension's video, found at submit: ShortAPI's result URL without an address of the
bot's own; with one, the bytes (Telegram's copy, else ShortAPI's) hosted by the bot. A video
that cannot be had fails the job, with nothing created."""

import pytest

from bot.core.drafts import DraftService
from bot.core.hosting import Hosting
from storage import JobStatus
from tests.unit.jobs.harness import make_runner, new_job, run_until_terminal

pytestmark = pytest.mark.sqlite_only


class NoTelegramCopy:
    """Telegram's side of delivered videos, when it gives none back."""

    async def read(self, file_id: str) -> bytes | None:
        return None


async def extension_of(db, source):
    """The job of Extend under `source`'s video, as the buttons and Generate make it."""
    drafts = DraftService(db)
    draft = await drafts.extending(source, chat_id=7, source_message_id=3, seconds=8)
    draft = await drafts.give_prompt(user_id=7, chat_id=7, text="the cat jumps")
    await drafts.attach_message(draft.id, 4)
    return await drafts.generate(draft.id, 7)


async def test_without_an_address_shortapi_gets_its_own_result_url(db, http, shortapi, chat):
    runner = make_runner(db, http, shortapi, chat)
    source = await run_until_terminal(runner, db, (await runner.submit(await new_job(db))).id)
    job = await runner.submit(await extension_of(db, source))
    assert job.status is JobStatus.QUEUED
    create = shortapi.creates[-1]
    assert create.body["model"] == "google/veo-3.1/extend-video"
    assert create.body["args"]["video"] == source.result_url
    assert create.inputs["video"] == shortapi.jobs[source.provider_job_id].video_content()


async def test_a_video_that_cannot_be_had_fails_the_job_before_its_create(
    db, http, shortapi, chat
):
    runner = make_runner(db, http, shortapi, chat)
    source = await run_until_terminal(runner, db, (await runner.submit(await new_job(db))).id)
    assert source.status is JobStatus.DELIVERED
    hosting = Hosting(db, "https://bot.example.com", max_age=3600)
    runner = make_runner(db, http, shortapi, chat, hosting=hosting, videos=NoTelegramCopy())
    shortapi.expire(source.provider_job_id)
    job = await runner.submit(await extension_of(db, source))
    assert job.status is JobStatus.FAILED
    assert job.error.startswith("video_unavailable: ") and "404" in job.error
    assert len(shortapi.creates) == 1  # the source's only
    assert job.media_token is None  # nothing hosted
