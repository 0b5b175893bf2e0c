"""Storage on a real SQLite file: migrations, drafts, the one-job-per-draft rule, transitions."""

import asyncio
import sqlite3
from decimal import Decimal

import pytest

from storage import Database, DraftStatus, JobStatus, SchemaTooNewError
from storage.migrations import MIGRATIONS
from tests.records import OPTIONS, open_draft


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "sub" / "bot.sqlite3")
    yield database
    await database.close()


async def test_migrates_from_empty_and_creates_the_folder(tmp_path, db):
    assert (tmp_path / "sub" / "bot.sqlite3").exists()
    assert await db.schema_version() == len(MIGRATIONS)
    row = await db.fetch_one("PRAGMA journal_mode")
    assert row[0] == "wal"


async def test_reopening_is_a_no_op(tmp_path):
    path = tmp_path / "bot.sqlite3"
    first = await Database.open(path)
    draft = await open_draft(first)
    await first.close()
    again = await Database.open(path)
    assert await again.schema_version() == len(MIGRATIONS)
    assert (await again.drafts.get(draft.id)).prompt == "a cat"
    await again.close()


async def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(SchemaTooNewError, match="newer"):
        await Database.open(path)


async def test_draft_without_prompt_waits_and_only_the_newest_waits(db):
    await db.users.touch(1, "Ann", None)
    args = dict(user_id=1, chat_id=1, file_id="f", mime_type="image/png", options=OPTIONS)
    first = await db.drafts.create(source_message_id=1, prompt=None, **args)
    second = await db.drafts.create(source_message_id=2, prompt=None, **args)
    assert (await db.drafts.get(first.id)).status is DraftStatus.CANCELLED
    assert (await db.drafts.awaiting_prompt(1, 1)).id == second.id
    assert await db.drafts.awaiting_prompt(1, 2) is None
    assert await db.drafts.give_prompt(second.id, "waves")
    assert not await db.drafts.give_prompt(second.id, "again")
    opened = await db.drafts.get(second.id)
    assert (opened.status, opened.prompt) == (DraftStatus.OPEN, "waves")


async def test_options_change_only_while_open(db):
    draft = await open_draft(db)
    assert await db.drafts.set_options(draft.id, {"resolution": "4k", "audio": 1})
    changed = await db.drafts.get(draft.id)
    assert (changed.resolution, changed.audio) == ("4k", True)
    assert await db.drafts.cancel(draft.id)
    assert not await db.drafts.set_options(draft.id, {"mode": "quality"})
    assert (await db.drafts.get(draft.id)).mode == "fast"
    with pytest.raises(ValueError):
        await db.drafts.set_options(draft.id, {"status": "open"})


async def test_one_draft_yields_one_job_even_under_concurrent_generate(db):
    draft = await open_draft(db)
    results = await asyncio.gather(
        *(db.jobs.create_from_draft(draft.id, 1, Decimal("0.64")) for _ in range(10))
    )
    jobs = [j for j in results if j is not None]
    assert len(jobs) == 1
    job = jobs[0]
    assert job.status is JobStatus.SUBMITTING
    assert job.price == Decimal("0.64")
    assert (job.prompt, job.message_id, job.mode) == ("a cat", 6, "fast")
    assert (await db.drafts.get(draft.id)).status is DraftStatus.SUBMITTED
    row = await db.fetch_one("SELECT COUNT(*) FROM jobs")
    assert row[0] == 1


async def test_someone_else_cannot_generate(db):
    draft = await open_draft(db, user_id=1)
    await db.users.touch(2, "Bob", None)
    assert await db.jobs.create_from_draft(draft.id, 2, Decimal("0.64")) is None
    assert (await db.drafts.get(draft.id)).status is DraftStatus.OPEN


async def test_transition_applies_once(db):
    draft = await open_draft(db)
    job = await db.jobs.create_from_draft(draft.id, 1, Decimal("0.64"))
    first = await db.jobs.transition(
        job.id,
        JobStatus.SUBMITTING,
        JobStatus.QUEUED,
        provider_job_id="p1",
        amount=Decimal("0.64"),
        next_poll_at=0.0,
    )
    assert first is not None and first.provider_job_id == "p1" and first.amount == Decimal("0.64")
    again = await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.QUEUED)
    assert again is None
    assert [j.id for j in await db.jobs.due(now=1.0, limit=10)] == [job.id]
    assert await db.jobs.due(now=-1.0, limit=10) == []
    with pytest.raises(ValueError):
        await db.jobs.transition(job.id, JobStatus.QUEUED, JobStatus.FAILED, price="0")


async def test_recent_jobs_are_the_users_own(db):
    mine = await open_draft(db, user_id=1)
    theirs = await open_draft(db, user_id=2)
    await db.jobs.create_from_draft(mine.id, 1, Decimal("0.64"))
    await db.jobs.create_from_draft(theirs.id, 2, Decimal("3.84"))
    assert [j.price for j in await db.jobs.recent_for_user(1)] == [Decimal("0.64")]


async def test_a_failed_transaction_leaves_nothing(db):
    draft = await open_draft(db)
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("UPDATE drafts SET prompt = 'changed' WHERE id = ?", (draft.id,))
            raise RuntimeError("boom")
    assert (await db.drafts.get(draft.id)).prompt == "a cat"
