"""Each user's videos are numbered 1, 2, 3… in the order they were made: the rows made before
migration 11 get their numbers from it, new rows take the next, on both stores, and two
replicas making videos for one user at once never give two the same number."""

import asyncio
from decimal import Decimal

import pytest

import storage.backends.postgres
import storage.backends.sqlite
import storage.migrations
from storage import Database, LedgerKind
from storage.records import args_to_text
from tests.records import OPTIONS, open_draft

# The seed model's default options as a row stores them.
STORED = (OPTIONS["model"], args_to_text(OPTIONS["args"]), OPTIONS["estimate_key"])

ANN, BOB = 1, 2
# (user, created_at) of the jobs made before the numbers, in the order they were inserted:
# Bob's second row was created before his first (two replicas' clocks), so it is his #1.
OLD_JOBS = [(ANN, 10.0), (BOB, 20.0), (ANN, 30.0), (BOB, 15.0), (ANN, 40.0)]


@pytest.fixture
async def old_rows(store, monkeypatch):
    """A database at migration 10 holding OLD_JOBS (and Ann's Stars for her first video);
    then opened at the newest migration."""
    before = storage.migrations.MIGRATIONS[:10]
    for module in (storage.migrations, storage.backends.sqlite, storage.backends.postgres):
        monkeypatch.setattr(module, "MIGRATIONS", before)
    db = await Database.open(store)
    for user in (ANN, BOB):
        await db.execute(
            "INSERT INTO users (id, first_name, created_at, last_seen_at) VALUES ($1, 'x', 0, 0)",
            user,
        )
    for n, (user, created) in enumerate(OLD_JOBS, start=1):
        draft_id = await db.fetchval(
            "INSERT INTO drafts (user_id, chat_id, source_message_id, message_id, file_id,"
            " mime_type, prompt, model, args, estimate_key, status, created_at, updated_at)"
            " VALUES ($1, $1, 5, 6, 'f', 'image/jpeg', 'a cat', $2, $3, $4, 'submitted', $5,"
            " $5) RETURNING id",
            user,
            *STORED,
            created,
        )
        await db.execute(
            "INSERT INTO jobs (draft_id, user_id, chat_id, message_id, file_id, mime_type,"
            " prompt, model, args, estimate_key, price, status, created_at, updated_at)"
            " VALUES ($1, $2, $2, 6, 'f', 'image/jpeg', $3, $4, $5, $6, '0.64', 'delivered',"
            " $7, $7)",
            draft_id,
            user,
            f"prompt {n}",
            *STORED,
            created,
        )
    await db.execute(
        "INSERT INTO ledger (user_id, kind, stars, reference, created_at)"
        " VALUES ($1, 'video', -64, '1', 10.0)",
        ANN,
    )
    await db.close()
    monkeypatch.undo()
    db = await Database.open(store)
    yield db
    await db.close()


async def numbers(db: Database) -> dict[int, tuple[int, int]]:
    """Each job id's (user, number)."""
    rows = await db.fetch("SELECT id, user_id, number FROM jobs ORDER BY id")
    return {r["id"]: (r["user_id"], r["number"]) for r in rows}


async def test_the_jobs_made_before_are_numbered_per_user_in_the_order_they_were_made(old_rows):
    assert await numbers(old_rows) == {
        1: (ANN, 1),
        2: (BOB, 2),
        3: (ANN, 2),
        4: (BOB, 1),
        5: (ANN, 3),
    }
    job = await old_rows.jobs.get(5)
    assert job is not None and (job.id, job.number, job.prompt) == (5, 3, "prompt 5")
    # The ledger's rows stay as written; the movement reads the number of its video.
    (entry,) = await old_rows.ledger.entries(ANN)
    assert (entry.kind, entry.reference, entry.job_number) == (LedgerKind.VIDEO, "1", 1)


async def test_a_new_job_takes_the_users_next_number(old_rows):
    for user, expected in ((ANN, 4), (BOB, 3), (ANN, 5)):
        draft = await open_draft(old_rows, user_id=user)
        job = await old_rows.jobs.create_from_draft(draft.id, user, Decimal("0.64"))
        assert job is not None and job.number == expected
    # A user new to the bot starts at 1, whatever the others have made.
    draft = await open_draft(old_rows, user_id=3)
    job = await old_rows.jobs.create_from_draft(draft.id, 3, Decimal("0.64"))
    assert job is not None and job.number == 1


async def test_one_users_number_is_theirs_alone(old_rows):
    """The index that holds the numbers apart is there (the last line of defence)."""
    with pytest.raises(Exception, match=r"(?i)unique"):
        await old_rows.execute("UPDATE jobs SET number = 1 WHERE id = 3")


async def test_a_video_and_its_return_show_the_users_number(db):
    draft = await open_draft(db, user_id=BOB)
    first = await db.jobs.create_from_draft(draft.id, BOB, Decimal("0.64"))
    await db.ledger.credit(ANN, LedgerKind.GRANT, 500, "grant-1")
    for _ in range(2):
        draft = await open_draft(db, user_id=ANN)
        job = await db.jobs.create_from_draft(draft.id, ANN, Decimal("0.64"), stars=64)
    await db.ledger.credit(ANN, LedgerKind.RETURN, 64, str(job.id))
    entries = await db.ledger.entries(ANN)
    assert [(e.kind, e.reference, e.job_number) for e in entries] == [
        (LedgerKind.RETURN, str(job.id), 2),
        (LedgerKind.VIDEO, str(job.id), 2),
        (LedgerKind.VIDEO, str(job.id - 1), 1),
        (LedgerKind.GRANT, "grant-1", None),
    ]
    assert first is not None and job.id == first.id + 2, "ids are shared, numbers are not"


async def test_replicas_making_one_users_videos_at_once_give_each_its_own_number(pg_url):
    replicas = [await Database.open(pg_url, pool_size=5) for _ in range(4)]
    try:
        drafts = [await open_draft(replicas[0], user_id=ANN) for _ in range(24)]
        jobs = await asyncio.gather(
            *(
                replicas[n % len(replicas)].jobs.create_from_draft(d.id, ANN, Decimal("0.64"))
                for n, d in enumerate(drafts)
            )
        )
        assert sorted(j.number for j in jobs if j is not None) == list(range(1, 25))
    finally:
        for r in replicas:
            await r.close()
