"""Hosted photos: in the database (any replica serves them), served while the job runs, then
deleted; on both stores."""

import asyncio
from decimal import Decimal

from bot.core.hosting import Hosting
from storage import JobStatus
from tests.images import jpeg, png
from tests.records import open_draft


async def submitting_job(db):
    draft = await open_draft(db)
    return await db.jobs.create_from_draft(draft.id, 1, Decimal("0.64"))


async def test_served_while_running_then_deleted(db):
    hosting = Hosting(db, "https://bot.example.com/", max_age=3600)
    job = await submitting_job(db)
    image_url, callback_url = await hosting.prepare(job.id, jpeg(), "image/jpeg")
    token = image_url.rsplit("/", 1)[1]
    assert image_url == f"https://bot.example.com/media/{token}"
    assert callback_url.startswith("https://bot.example.com/callbacks/shortapi/")
    data, mime = await hosting.open(token)
    assert data == jpeg() and mime == "image/jpeg"
    assert await hosting.job_for_callback(callback_url.rsplit("/", 1)[1]) == job.id

    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.QUEUED, provider_job_id="p")
    assert await hosting.open(token) is not None
    assert await hosting.sweep() == 0
    await db.jobs.transition(job.id, JobStatus.QUEUED, JobStatus.FAILED, error="x")
    assert await hosting.open(token) is None
    assert await hosting.sweep() == 1
    assert await db.fetchval("SELECT COUNT(*) FROM media_files") == 0
    assert await hosting.sweep() == 0


async def test_not_served_after_max_age_even_while_running(db):
    hosting = Hosting(db, "https://bot.example.com", max_age=0.05)
    job = await submitting_job(db)
    image_url, _ = await hosting.prepare(job.id, jpeg(), "image/jpeg")
    token = image_url.rsplit("/", 1)[1]
    await asyncio.sleep(0.1)
    assert await hosting.open(token) is None
    assert await hosting.sweep() == 1
    assert await db.fetchval("SELECT COUNT(*) FROM media_files") == 0


async def test_unknown_or_malformed_tokens_name_nothing(db):
    hosting = Hosting(db, "https://bot.example.com", max_age=3600)
    for token in ("x" * 32, "../bot.sqlite3", "", "a/b" * 20):
        assert await hosting.open(token) is None
        assert await hosting.job_for_callback(token) is None


async def test_a_job_no_longer_being_submitted_hosts_nothing(db):
    hosting = Hosting(db, "https://bot.example.com", max_age=3600)
    job = await submitting_job(db)
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.CREATING)
    assert await hosting.prepare(job.id, jpeg(), "image/jpeg") is None
    assert await db.fetchval("SELECT COUNT(*) FROM media_files") == 0


async def test_a_jobs_other_images_are_served_each_under_its_own_token_then_deleted(db):
    # A last frame (a PNG here) goes with the photo: its own unguessable URL, its own type.
    hosting = Hosting(db, "https://bot.example.com", max_age=3600)
    job = await submitting_job(db)
    urls, _ = await hosting.prepare_all(job.id, [(jpeg(), "image/jpeg"), (png(), "image/png")])
    tokens = [url.rsplit("/", 1)[1] for url in urls]
    assert len(set(tokens)) == 2
    assert await hosting.open(tokens[0]) == (jpeg(), "image/jpeg")
    assert await hosting.open(tokens[1]) == (png(), "image/png")
    # A second try of the same job (stopped before its create call) replaces both.
    again, _ = await hosting.prepare_all(
        job.id, [(jpeg(seed=2), "image/jpeg"), (png(), "image/png")], replaces=tokens[0]
    )
    assert [await hosting.open(t) for t in tokens] == [None, None]
    assert await db.fetchval("SELECT COUNT(*) FROM media_files") == 2
    await db.jobs.transition(job.id, JobStatus.SUBMITTING, JobStatus.FAILED, error="x")
    assert await hosting.sweep() == 1
    assert await db.fetchval("SELECT COUNT(*) FROM media_files") == 0
    assert [await hosting.open(url.rsplit("/", 1)[1]) for url in again] == [None, None]
