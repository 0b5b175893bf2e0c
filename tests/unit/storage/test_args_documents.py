"""Drafts and jobs keep their model and args as one document: the rows made before migration 10
(one column per option) read as before, on both stores."""

import pytest

import storage.backends.postgres
import storage.backends.sqlite
import storage.migrations
from bot import texts
from bot.core.options import options_of
from bot.core.progress import expected_seconds
from bot.veo import MODEL_ID, VideoOptions, price_of
from storage import Database, DraftStatus, JobStatus
from tests.records import history_key

OLD_OPTIONS = ("quality", 6, "1080p", "9:16", 1)


@pytest.fixture
async def old_rows(store, monkeypatch):
    """A database at migration 9 with a user, an open draft and three delivered jobs made
    with the options columns; then opened at the newest migration."""
    before = storage.migrations.MIGRATIONS[:9]
    for module in (storage.migrations, storage.backends.sqlite, storage.backends.postgres):
        monkeypatch.setattr(module, "MIGRATIONS", before)
    db = await Database.open(store)
    await db.execute(
        "INSERT INTO users (id, first_name, created_at, last_seen_at) VALUES (1, 'Ann', 0, 0)"
    )
    await db.execute(
        "INSERT INTO drafts (user_id, chat_id, source_message_id, message_id, file_id,"
        " mime_type, prompt, mode, duration, resolution, aspect_ratio, audio, status,"
        " created_at, updated_at) VALUES (1, 1, 5, 6, 'f', 'image/jpeg', 'a cat',"
        " $1, $2, $3, $4, $5, 'open', 0, 0)",
        *OLD_OPTIONS,
    )
    for n, took in enumerate((100.0, 120.0, 140.0), start=2):
        await db.execute(
            "INSERT INTO drafts (user_id, chat_id, source_message_id, file_id, mime_type,"
            " prompt, mode, duration, resolution, aspect_ratio, audio, status, created_at,"
            " updated_at) VALUES (1, 1, 5, 'f', 'image/jpeg', 'a cat', $1, $2, $3, '16:9', $4,"
            " 'submitted', 0, 0)",
            *OLD_OPTIONS[:3],
            OLD_OPTIONS[4],
        )
        await db.execute(
            "INSERT INTO jobs (draft_id, user_id, chat_id, message_id, file_id, mime_type,"
            " prompt, mode, duration, resolution, aspect_ratio, audio, price, status,"
            " created_at, submitted_at, finished_at, updated_at) VALUES ($1, 1, 1, 6, 'f',"
            " 'image/jpeg', 'a cat', $2, $3, $4, '16:9', $5, '1.92', 'delivered', 0, 10,"
            " $6, 0)",
            n,
            *OLD_OPTIONS[:3],
            OLD_OPTIONS[4],
            10 + took,
        )
    await db.close()
    monkeypatch.undo()
    db = await Database.open(store)
    yield db
    await db.close()


async def test_a_draft_made_before_the_documents_reads_and_calls_as_before(old_rows):
    draft = await old_rows.drafts.get(1)
    assert draft.status is DraftStatus.OPEN and draft.model == MODEL_ID
    options = options_of(draft)
    assert options == VideoOptions(
        mode="quality", duration=6, resolution="1080p", aspect_ratio="9:16", audio=True
    )
    # The card and the create call are what they were with the option columns.
    line = texts.of("en").options_line(options)
    assert line == "Quality · 6s · 1080p · 9:16 · Audio on"
    assert str(price_of(options)) == "1.92"
    assert options.to_args(prompt="a cat", inputs={"image": "https://x.test/a.jpg"}) == {
        "mode": "quality",
        "prompt": "a cat",
        "image": "https://x.test/a.jpg",
        "duration": "6",
        "aspect_ratio": "9:16",
        "resolution": "1080p",
        "generate_audio": True,
    }


async def test_the_jobs_made_before_keep_their_history(old_rows):
    jobs = await old_rows.jobs.with_status(JobStatus.DELIVERED)
    assert [options_of(job).args["aspect_ratio"] for job in jobs] == ["16:9"] * 3
    key = history_key(mode="quality", duration=6, resolution="1080p", audio=True)
    assert await old_rows.estimates.recent_durations(key) == [140.0, 120.0, 100.0]
    options = options_of(await old_rows.drafts.get(1))  # 9:16: the same work
    assert expected_seconds(options, [140.0, 120.0, 100.0]).seconds == 120.0


async def test_new_rows_store_only_the_model_and_its_args(old_rows):
    columns = {
        row["name"]
        for row in await old_rows.fetch(
            "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'jobs'"
            if old_rows.store == "postgresql"
            else "SELECT name FROM pragma_table_info('jobs')"
        )
    }
    assert {"model", "args", "estimate_key"} <= columns
    assert not {"mode", "duration", "resolution", "aspect_ratio", "audio"} & columns
