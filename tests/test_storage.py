"""Storage on a real SQLite file: migrations, drafts, the one-job-per-draft rule, transitions."""

import asyncio
import logging
import os
import random
import sqlite3
import subprocess
from contextlib import closing
from decimal import Decimal

import pytest

import storage.db
from storage import Database, DatabaseUnavailable, DraftStatus, JobStatus, SchemaTooNewError
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


# -- a database that cannot be used ----------------------------------------------------------


def _fill(path, users: int) -> None:
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO users (id, first_name, created_at, last_seen_at) VALUES (?, 'u', 0, 0)",
            [(n,) for n in range(1, users + 1)],
        )
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


async def test_a_damaged_file_with_an_intact_header_is_refused_at_open(tmp_path):
    path = tmp_path / "bot.sqlite3"
    await (await Database.open(path)).close()
    _fill(path, 3000)
    with path.open("r+b") as f:
        f.seek(5 * 4096)  # page 6: well past the header page, which stays intact
        f.write(random.Random(6).randbytes(4096))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    with pytest.raises(DatabaseUnavailable, match="damaged: Page 6"):
        await Database.open(path)


def _chattr(flag: str, path) -> str:
    """chattr +i / -i on the file; the error, or "" when it worked."""
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)
    return done.stderr.strip() if done.returncode else ""


async def test_a_file_that_cannot_be_written_is_refused_at_open(tmp_path):
    path = tmp_path / "bot.sqlite3"
    await (await Database.open(path)).close()
    path.chmod(0o444)
    # Root writes through file modes; an immutable file refuses even root.
    if os.geteuid() == 0 and (error := _chattr("+i", path)):
        pytest.skip(f"as root, only an immutable file is unwritable: {error}")
    try:
        with pytest.raises(DatabaseUnavailable, match="cannot write to it"):
            await Database.open(path)
    finally:
        if os.geteuid() == 0:
            _chattr("-i", path)


@pytest.fixture
async def locked(db, tmp_path):
    """Another connection holding the write lock; the bot's database gives up at once."""
    await db.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(tmp_path / "sub" / "bot.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.close()


async def test_failing_writes_are_recorded_and_logged_once(db, locked, caplog):
    for n in range(5):
        with pytest.raises(DatabaseUnavailable, match="locked"):
            await db.users.touch(n, "Ann", None)
    with pytest.raises(DatabaseUnavailable):
        async with db.transaction() as conn:
            await conn.execute("UPDATE users SET first_name = 'x'")
    assert db.failure == "database is locked (SQLITE_BUSY)"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "database is locked" in errors[0].getMessage()
    assert await db.fetch_one("SELECT COUNT(*) FROM users") is not None, "reads still work"
    assert not await db.writable()


async def test_a_successful_change_ends_the_episode(db, locked, caplog):
    with pytest.raises(DatabaseUnavailable):
        await db.users.touch(1, "Ann", None)
    locked.execute("ROLLBACK")
    # A statement that changed nothing proves nothing (it may not have written a page).
    await db.execute("UPDATE users SET first_name = 'x' WHERE id = -1")
    assert db.failure is not None
    await db.users.touch(1, "Ann", None)
    assert db.failure is None and await db.writable()
    assert [r.getMessage().endswith("writes work again") for r in caplog.records].count(True) == 1


async def test_the_probe_ends_the_episode_without_other_writes(db, locked, monkeypatch):
    monkeypatch.setattr(storage.db, "PROBE_INTERVAL", 0.0)
    with pytest.raises(DatabaseUnavailable):
        await db.users.touch(1, "Ann", None)
    assert not await db.writable()
    locked.execute("ROLLBACK")
    assert await db.writable() and db.failure is None


async def test_a_wrong_statement_is_a_bug_not_an_unusable_database(db):
    with pytest.raises(sqlite3.OperationalError, match="no such table") as raised:
        await db.execute("UPDATE nowhere SET x = 1")
    assert not isinstance(raised.value, DatabaseUnavailable)
    assert db.failure is None
