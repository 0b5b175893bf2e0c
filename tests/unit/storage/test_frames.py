"""db.frames, the delivered videos' last frames, on SQLite and on PostgreSQL."""

import time
from decimal import Decimal

from tests.records import open_draft


async def new_job_id(db, user_id: int) -> int:
    draft = await open_draft(db, user_id=user_id)
    job = await db.jobs.create_from_draft(draft.id, user_id, Decimal("0.64"))
    assert job is not None
    return job.id


async def test_a_frame_is_kept_per_job_and_read_back_whole(db):
    first, second = await new_job_id(db, 1), await new_job_id(db, 2)
    jpeg = bytes(range(256)) * 1000  # every byte value: a BLOB/BYTEA, not text
    await db.frames.put(first, jpeg)
    assert await db.frames.get(first) == jpeg
    assert await db.frames.get(second) is None
    await db.frames.put(first, b"again")  # a delivery repeated after a crash replaces it
    assert await db.frames.get(first) == b"again"


async def test_forget_before_drops_only_older_frames(db):
    old, new = await new_job_id(db, 1), await new_job_id(db, 2)
    await db.frames.put(old, b"old")
    cut = time.time()
    await db.frames.put(new, b"new")
    await db.execute("UPDATE job_frames SET created_at = $1 WHERE job_id = $2", cut - 1, old)
    assert await db.frames.forget_before(cut) == 1
    assert (await db.frames.get(old), await db.frames.get(new)) == (None, b"new")
    assert await db.frames.forget_before(cut) == 0
