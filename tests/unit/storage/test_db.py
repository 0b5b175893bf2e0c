"""Storage on a real SQLite file and a real PostgreSQL server: migrations, drafts, the
one-job-per-draft rule, transitions. What only one store has (a damaged file) is tested on it."""

import asyncio
import logging
import os
import random
import sqlite3
import subprocess
import time
from contextlib import closing
from decimal import Decimal

import pytest

import storage.db
from storage import (
    Database,
    DatabaseUnavailable,
    DraftStatus,
    JobStatus,
    Lease,
    SchemaTooNewError,
)
from storage.migrations import MIGRATIONS
from tests.records import OPTIONS, open_draft, options


@pytest.fixture
async def lite(tmp_path):
    """A SQLite database, for what only SQLite has."""
    database = await Database.open(tmp_path / "sub" / "bot.sqlite3")
    yield database
    await database.close()


async def test_sqlite_migrates_from_empty_and_creates_the_folder(tmp_path, lite):
    assert (tmp_path / "sub" / "bot.sqlite3").exists()
    assert await lite.schema_version() == len(MIGRATIONS)
    assert await lite.fetchval("PRAGMA journal_mode") == "wal"


async def test_reopening_is_a_no_op(store):
    first = await Database.open(store)
    draft = await open_draft(first)
    await first.close()
    again = await Database.open(store)
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
    assert await db.drafts.set_options(draft.id, options(resolution="4k", audio=True))
    changed = await db.drafts.get(draft.id)
    assert (changed.args["resolution"], changed.args["audio"]) == ("4k", True)
    assert await db.drafts.cancel(draft.id)
    assert not await db.drafts.set_options(draft.id, options(mode="quality"))
    assert (await db.drafts.get(draft.id)).args["mode"] == "fast"
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
    assert (job.prompt, job.message_id, job.args["mode"]) == ("a cat", 6, "fast")
    assert (await db.drafts.get(draft.id)).status is DraftStatus.SUBMITTED
    assert await db.fetchval("SELECT COUNT(*) FROM jobs") == 1


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
    lease = Lease("me", 100.0)
    assert await db.jobs.claim_due(lease, now=-1.0, limit=10) == []
    claimed = await db.jobs.claim_due(lease, now=1.0, limit=10)
    assert [(j.id, j.lease_owner, j.lease_until) for j in claimed] == [(job.id, "me", 100.0)]
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
        async with db.transaction() as tx:
            await tx.execute("UPDATE drafts SET prompt = 'changed' WHERE id = $1", draft.id)
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
async def locked(lite, tmp_path):
    """Another connection holding the write lock; the bot's database gives up at once."""
    await lite.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(tmp_path / "sub" / "bot.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.close()


async def test_failing_writes_are_recorded_and_logged_once(lite, locked, caplog):
    db = lite
    for n in range(5):
        with pytest.raises(DatabaseUnavailable, match="locked"):
            await db.users.touch(n, "Ann", None)
    with pytest.raises(DatabaseUnavailable):
        async with db.transaction() as tx:
            await tx.execute("UPDATE users SET first_name = 'x'")
    assert db.failure == "database is locked (SQLITE_BUSY)"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "database is locked" in errors[0].getMessage()
    assert await db.fetchval("SELECT COUNT(*) FROM users") is not None, "reads still work"
    assert not await db.writable()


async def test_a_successful_change_ends_the_episode(lite, locked, caplog):
    db = lite
    with pytest.raises(DatabaseUnavailable):
        await db.users.touch(1, "Ann", None)
    locked.execute("ROLLBACK")
    # A statement that changed nothing proves nothing (it may not have written a page).
    await db.execute("UPDATE users SET first_name = 'x' WHERE id = -1")
    assert db.failure is not None
    await db.users.touch(1, "Ann", None)
    assert db.failure is None and await db.writable()
    assert [r.getMessage().endswith("writes work again") for r in caplog.records].count(True) == 1


async def test_the_probe_ends_the_episode_without_other_writes(lite, locked, monkeypatch):
    db = lite
    monkeypatch.setattr(storage.db, "PROBE_INTERVAL", 0.0)
    with pytest.raises(DatabaseUnavailable):
        await db.users.touch(1, "Ann", None)
    assert not await db.writable()
    locked.execute("ROLLBACK")
    assert await db.writable() and db.failure is None


async def test_a_wrong_statement_is_a_bug_not_an_unusable_database(db):
    with pytest.raises(Exception, match="nowhere") as raised:
        await db.execute("UPDATE nowhere SET x = 1")
    assert not isinstance(raised.value, DatabaseUnavailable)
    assert db.failure is None


# -- leases ------------------------------------------------------------------------------------


async def queued_jobs(db, count):
    jobs = []
    for n in range(count):
        draft = await open_draft(db, user_id=n + 1)
        job = await db.jobs.create_from_draft(draft.id, n + 1, Decimal("0.64"))
        jobs.append(
            await db.jobs.transition(
                job.id,
                JobStatus.SUBMITTING,
                JobStatus.QUEUED,
                provider_job_id=f"p{n}",
                next_poll_at=float(n),
            )
        )
    return jobs


async def test_a_leased_job_is_nobody_elses_until_its_step_ends_or_the_lease_runs_out(db):
    (job,) = await queued_jobs(db, 1)
    assert [j.id for j in await db.jobs.claim_due(Lease("a", 50.0), 10.0, 5)] == [job.id]
    assert await db.jobs.claim_due(Lease("b", 60.0), 20.0, 5) == [], "a holds it"
    assert await db.jobs.renew(Lease("a", 70.0), [job.id]) == 1
    assert await db.jobs.renew(Lease("b", 90.0), [job.id]) == 0, "only the holder renews"
    assert await db.jobs.claim_due(Lease("b", 80.0), 60.0, 5) == [], "renewed until 70"
    # Ending the step (the next query is due later) gives the lease back.
    moved = await db.jobs.transition(
        job.id, JobStatus.QUEUED, JobStatus.GENERATING, next_poll_at=time.time() + 5
    )
    assert (moved.lease_owner, moved.lease_until) == (None, None)
    # A replica that died: its lease runs out, and another takes the job.
    await db.jobs.transition(job.id, JobStatus.GENERATING, JobStatus.GENERATING, next_poll_at=1.0)
    await db.jobs.claim_due(Lease("a", 100.0), 10.0, 5)
    assert [j.lease_owner for j in await db.jobs.claim_due(Lease("b", 200.0), 101.0, 5)] == ["b"]


async def test_a_claimed_query_is_scheduled_and_leased_until_its_next_query(db):
    """The claim counts the query and schedules the next, so a query that finds nothing new
    writes nothing; the lease lasts until that next query (at least `query_lease`), when the
    replica claims the job again, or another does if it is gone."""
    (job,) = await queued_jobs(db, 1)
    (claimed,) = await db.jobs.claim_due(Lease("a", 50.0), 10.0, 5, [20.0, 30.0], 15.0)
    assert (claimed.polls, claimed.next_poll_at, claimed.lease_until) == (1, 20.0, 20.0)
    assert await db.jobs.claim_due(Lease("a", 60.0), 15.0, 5, [25.0], 15.0) == []
    # Due again: its own replica takes it at once (the lease is its own)...
    (again,) = await db.jobs.claim_due(Lease("a", 70.0), 20.0, 5, [35.0, 45.0], 40.0)
    assert (again.polls, again.next_poll_at, again.lease_until) == (2, 45.0, 45.0)
    # ...and a callback, whichever replica it reaches, brings the next query forward for it.
    assert await db.jobs.make_due(job.id, 30.0) is True
    assert await db.jobs.claim_due(Lease("b", 80.0), 30.0, 5, [99.0], 0.0) == [], "a holds it"
    (taken,) = await db.jobs.claim_due(Lease("a", 80.0), 30.0, 5, [40.0], 31.0)
    assert (taken.lease_owner, taken.lease_until) == ("a", 40.0)
    # Replica a is gone: once its lease runs out with the next query due, b takes the job.
    (failover,) = await db.jobs.claim_due(Lease("b", 90.0), 40.0, 5, [55.0], 50.0)
    assert (failover.lease_owner, failover.polls) == ("b", 4)
    # A found video's claim is its delivery: not counted as a query, nor put off.
    await db.jobs.transition(job.id, JobStatus.QUEUED, JobStatus.SUCCEEDED, next_poll_at=41.0)
    (found,) = await db.jobs.claim_due(Lease("b", 95.0), 56.0, 5, [99.0], 60.0)
    assert (found.polls, found.next_poll_at, found.lease_until) == (4, 41.0, 95.0)


async def test_a_found_video_stays_with_the_replica_that_delivers_it(db):
    (job,) = await queued_jobs(db, 1)
    await db.jobs.claim_due(Lease("a", time.time() + 60), 10.0, 5)
    moved = await db.jobs.transition(
        job.id, JobStatus.QUEUED, JobStatus.SUCCEEDED, next_poll_at=time.time()
    )
    assert moved.lease_owner == "a"
    assert await db.jobs.claim_due(Lease("b", time.time() + 60), time.time(), 5) == []


async def test_replicas_claiming_at_once_never_share_a_job(pg_url):
    replicas = [await Database.open(pg_url, pool_size=4) for _ in range(3)]
    try:
        jobs = await queued_jobs(replicas[0], 60)
        rounds = await asyncio.gather(
            *(
                r.jobs.claim_due(Lease(f"r{n}/{k}", 1e12), 1000.0, 7)
                for k in range(4)
                for n, r in enumerate(replicas)
            )
        )
        # Twelve claimers (a replica claims again only the jobs it holds itself) of up to 7
        # jobs each could take 84: all 60 go, each to one claimer.
        claimed = [j.id for batch in rounds for j in batch]
        assert sorted(claimed) == sorted(j.id for j in jobs)
    finally:
        for r in replicas:
            await r.close()


async def test_a_create_call_is_given_up_on_only_a_grace_after_its_lease_ran_out(db):
    held = []
    for status in (JobStatus.SUBMITTING, JobStatus.CREATING):
        draft = await open_draft(db, user_id=len(held) + 1)
        job = await db.jobs.create_from_draft(
            draft.id, draft.user_id, Decimal("0.64"), lease=Lease("a", 100.0)
        )
        if status is JobStatus.CREATING:
            job = await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.CREATING)
        held.append(job)
    assert await db.jobs.claim_abandoned(Lease("b", 999.0), 99.0, creating_grace=30) == []
    taken = await db.jobs.claim_abandoned(Lease("b", 999.0), 101.0, creating_grace=30)
    assert [j.status for j in taken] == [JobStatus.SUBMITTING], "the creating one waits"
    taken = await db.jobs.claim_abandoned(Lease("b", 999.0), 131.0, creating_grace=30)
    assert [(j.status, j.lease_owner) for j in taken] == [(JobStatus.CREATING, "b")]
