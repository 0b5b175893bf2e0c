"""`python -m bot copy-data`: a SQLite bot's data moved to PostgreSQL, and the bot carrying on
there: the same users, drafts, jobs (a video still in the making too) and hosted photos."""

import dataclasses
import os
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from storage import Database, JobStatus, Lease
from storage.copy import TABLES
from tests.chat import button, open_options
from tests.images import jpeg
from tests.postgres import PASSWORD
from tests.process import free_port, run_to_end
from tests.records import open_draft
from tests.records import options as stored_options

ANN = 1001
BOB = 1002
Snapshot = dict[str, list[dict]]


async def copy_data(env: dict[str, str], cwd: Path, *args: str) -> tuple[int, str, str]:
    """`python -m bot copy-data [args]`: exit code, stdout, stderr."""
    return await run_to_end(env, cwd, "copy-data", *args)


def plain_env(database_path: Path) -> dict[str, str]:
    """What copy-data needs: no bot token, no API key, no DATABASE_URL of a developer's."""
    return {
        "PATH": os.environ["PATH"],
        "DATABASE_PATH": str(database_path),
        "PYTHONUNBUFFERED": "1",
    }


async def snapshot(target: str | Path) -> Snapshot:
    """Every row of every table of the bot, in key order, as dicts."""
    db = await Database.open(target)
    try:
        found = {}
        for table, key in TABLES:
            rows = await db.fetch(f"SELECT * FROM {table} ORDER BY {key}")
            found[table] = [{k: row[k] for k in row.keys()} for row in rows]  # noqa: SIM118
        return found
    finally:
        await db.close()


def without_leases(rows: Snapshot) -> Snapshot:
    """The rows as copy-data writes them: the stopped bot's leases are free."""
    jobs = [row | {"lease_owner": None, "lease_until": None} for row in rows["jobs"]]
    return rows | {"jobs": jobs}


async def assert_same_through_the_repositories(source: Path, target: str) -> None:
    """Each draft, job and hosted photo reads back the same through the bot's repositories."""
    rows = await snapshot(source)
    old, new = await Database.open(source), await Database.open(target)
    try:
        for draft in rows["drafts"]:
            assert await new.drafts.get(draft["id"]) == await old.drafts.get(draft["id"])
        for row in rows["jobs"]:
            job = await old.jobs.get(row["id"])
            assert job is not None
            freed = dataclasses.replace(job, lease_owner=None, lease_until=None)
            assert await new.jobs.get(row["id"]) == freed
        for media in rows["media_files"]:
            photo = await new.media.get(media["token"])
            assert photo is not None and photo == await old.media.get(media["token"])
    finally:
        await old.close()
        await new.close()


async def fill(path: Path) -> None:
    """A SQLite file as a bot leaves it: two users, drafts open, waiting for a prompt,
    cancelled and submitted, jobs delivered, failed and generating (its photo hosted, its
    lease held by the process that stopped), updates handled."""
    db = await Database.open(path)
    now = time.time()
    done = await open_draft(db, ANN, prompt="delivered")
    job = await db.jobs.create_from_draft(done.id, ANN, Decimal("1.92"))
    await db.jobs.transition(
        job.id,
        JobStatus.SUBMITTING,
        JobStatus.DELIVERED,
        provider_job_id="p-1",
        amount=Decimal("1.92"),
        result_url="https://cdn.example/1.mp4",
        telegram_file_id="video-1",
        delivered_at=now,
    )
    bad = await open_draft(db, ANN, prompt="failed")
    job = await db.jobs.create_from_draft(bad.id, ANN, Decimal("0.64"))
    await db.jobs.transition(
        job.id, JobStatus.SUBMITTING, JobStatus.FAILED, provider_job_id="p-2", error="policy"
    )
    running = await open_draft(db, BOB, prompt="generating")
    job = await db.jobs.create_from_draft(running.id, BOB, Decimal("3.84"))
    assert await db.media.host(job.id, "t" * 32, "image/jpeg", "s" * 32, jpeg())
    await db.jobs.transition(
        job.id, JobStatus.SUBMITTING, JobStatus.GENERATING, provider_job_id="p-3", next_poll_at=0
    )
    (held,) = await db.jobs.claim_due(Lease("stopped-process", now + 3600), now, 5)
    assert held.lease_owner == "stopped-process"
    await open_draft(db, BOB, prompt="still open")
    waiting = await db.drafts.create(
        user_id=ANN,
        chat_id=ANN,
        source_message_id=9,
        file_id="f9",
        mime_type="image/png",
        prompt=None,
        options=stored_options(
            mode="quality", duration=6, resolution="1080p", aspect_ratio="9:16", audio=True
        ),
    )
    closed = await open_draft(db, ANN, prompt="cancelled")
    assert await db.drafts.cancel(closed.id)
    assert waiting.prompt is None
    for update_id in (700, 701, 702):
        assert await db.updates.mark(update_id)
    await db.close()


@pytest.fixture
async def sqlite_file(tmp_path: Path) -> Path:
    """A filled SQLite file (see fill)."""
    path = tmp_path / "data" / "bot.sqlite3"
    await fill(path)
    return path


def one_line(text: str) -> str:
    """The text, which must be exactly one line."""
    assert text.endswith("\n") and text.count("\n") == 1, repr(text)
    return text.rstrip("\n")


# -- the copy ----------------------------------------------------------------------------------


async def test_every_row_is_copied_with_its_id_and_new_ids_come_after(
    sqlite_file, tmp_path, pg_url
):
    before = await snapshot(sqlite_file)
    status, out, err = await copy_data(plain_env(sqlite_file), tmp_path, pg_url)
    assert (status, err) == (0, ""), out + err
    assert "must be stopped" in out
    assert "users 2, drafts 6, jobs 3, media_files 1, handled_updates 3, inbox 0" in out
    assert PASSWORD not in out

    copied = await snapshot(pg_url)
    assert copied == without_leases(before)
    assert any(job["lease_owner"] for job in before["jobs"]), "a lease to free was there"
    assert await snapshot(sqlite_file) == before, "the SQLite file is left as it was"
    await assert_same_through_the_repositories(sqlite_file, pg_url)

    db = await Database.open(pg_url)
    try:
        draft = await open_draft(db, ANN, prompt="after the move")
        assert draft.id == max(d["id"] for d in before["drafts"]) + 1
        job = await db.jobs.create_from_draft(draft.id, ANN, Decimal("0.64"))
        assert job is not None and job.id == max(j["id"] for j in before["jobs"]) + 1
        assert job.number == 3, "Ann's third video, after her two copied ones"
    finally:
        await db.close()


async def test_the_target_may_come_from_database_url(sqlite_file, tmp_path, pg_url):
    env = plain_env(sqlite_file) | {"DATABASE_URL": pg_url}
    status, out, err = await copy_data(env, tmp_path)
    assert (status, err) == (0, ""), out + err
    assert (await snapshot(pg_url))["jobs"], "copied"


async def test_a_second_copy_is_refused_and_changes_nothing(sqlite_file, tmp_path, pg_url):
    env = plain_env(sqlite_file)
    assert (await copy_data(env, tmp_path, pg_url))[0] == 0
    first = await snapshot(pg_url)
    status, out, err = await copy_data(env, tmp_path, pg_url)
    assert status == 2
    line = one_line(err)
    assert line.startswith(f"refused: {urlsplit(pg_url).scheme}://veo_test:***@"), line
    assert (
        "already holds data (users 2, drafts 6, jobs 3" in line and "Nothing was written" in line
    )
    assert PASSWORD not in out + err
    assert await snapshot(pg_url) == first


async def test_a_database_a_bot_already_runs_on_is_refused(sqlite_file, tmp_path, pg_url):
    db = await Database.open(pg_url)
    await db.users.touch(5, "Eve", None)
    await db.close()
    status, _, err = await copy_data(plain_env(sqlite_file), tmp_path, pg_url)
    assert status == 2 and "already holds data (users 1)" in one_line(err)
    rows = await snapshot(pg_url)
    assert [u["id"] for u in rows["users"]] == [5] and rows["drafts"] == rows["jobs"] == []


def with_netloc(url: str, netloc: str) -> str:
    return urlunsplit(urlsplit(url)._replace(netloc=netloc))


@pytest.mark.parametrize("fault", ["wrong password", "nothing listening"])
async def test_a_database_that_cannot_be_reached_is_one_line_without_the_password(
    sqlite_file, tmp_path, pg_url, fault
):
    host = urlsplit(pg_url).hostname
    port = urlsplit(pg_url).port if fault == "wrong password" else free_port()
    password = "not-the-password-42" if fault == "wrong password" else PASSWORD
    url = with_netloc(pg_url, f"veo_test:{password}@{host}:{port}")
    status, out, err = await copy_data(plain_env(sqlite_file), tmp_path, url)
    assert status == 1
    line = one_line(err)
    assert line.startswith(f"database error (postgresql://veo_test:***@{host}:{port}/"), line
    assert password not in out + err and "Traceback" not in out + err
    if fault == "wrong password":
        assert "password authentication failed" in line
    assert (await snapshot(pg_url))["users"] == [], "nothing written"


async def test_without_a_sqlite_file_nothing_is_copied_nor_created(tmp_path, pg_url):
    missing = tmp_path / "typo" / "bot.sqlite3"
    status, _, err = await copy_data(plain_env(missing), tmp_path, pg_url)
    assert status == 2
    assert one_line(err) == f"configuration error: no SQLite database at {missing} (DATABASE_PATH)"
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "no PostgreSQL URL given, nor DATABASE_URL"),
        (("/srv/other.sqlite3",), "DATABASE_URL: must be a postgresql://"),
        (("postgresql://a@b/c", "extra"), "usage: python -m bot copy-data"),
    ],
)
async def test_a_wrong_command_line_says_what_is_wrong(sqlite_file, tmp_path, args, says):
    status, out, err = await copy_data(plain_env(sqlite_file), tmp_path, *args)
    assert status == 2 and out == "" and says in one_line(err)


# -- the bot, before and after -----------------------------------------------------------------


async def ask_jobs(telegram, user) -> str:
    """Send /jobs; the listing's text."""
    sent = telegram.send_text(user["id"], user, "/jobs")
    listing = await telegram.wait_for_bot_message(
        user["id"],
        lambda m: m["message_id"] > sent["message_id"] and "recent videos" in m.get("text", ""),
    )
    return listing["text"]


async def test_the_bot_carries_on_in_postgresql_where_it_stopped_on_sqlite(
    pg_url, bot_env, uploads_only, public, bot_process, telegram, shortapi, tmp_path
):
    # pg_url first: its database is dropped after the bot has stopped, not under it.
    # Uploads only: the delivery keeps the video's last frame, which is copied too.
    bot_env.pop("DATABASE_URL", None)  # on SQLite first, whatever TEST_BOT_STORE says
    sqlite_path = Path(bot_env["DATABASE_PATH"])
    await bot_process.start()
    ann, bob = telegram.user(ANN, "Ann"), telegram.user(BOB, "Bob")
    # Ann: one video delivered, one failed.
    _, options = await open_options(telegram, ANN, ann, caption="A video that arrives")
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, options["message_id"])["text"], timeout=20
    )
    shortapi.script([0, {"status": 3, "error": "content policy violation"}])
    _, options = await open_options(telegram, ANN, ann, caption="A video that fails")
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await telegram.wait_for(
        lambda: "failed" in telegram.message(ANN, options["message_id"])["text"], timeout=20
    )
    # Bob: a video still in the making, its photo hosted for ShortAPI.
    shortapi.script([0, 1, 2])
    shortapi.hold_jobs = True
    _, bobs = await open_options(telegram, BOB, bob, caption="A video in the making")
    telegram.press(BOB, bob, bobs["message_id"], button(bobs, "Generate"))
    # The bar shows once the API took the job (a "being made" comes only at the bar's pace).
    await telegram.wait_for(
        lambda: "Usually takes" in telegram.message(BOB, bobs["message_id"])["text"], timeout=20
    )
    shortapi.hold_jobs = False
    # Ann: a photo with its options, Generate not pressed yet.
    _, waiting = await open_options(telegram, ANN, ann, caption="A video after the move")
    # An album too (too big for a video: its four photos are kept, and it is settled).
    telegram.send_album(ANN, ann, [jpeg(seed=s) for s in range(4)], caption="Four")
    await telegram.wait_for_bot_message(ANN, lambda m: "this album has 4" in m.get("text", ""))
    listing_on_sqlite = await ask_jobs(telegram, ann)
    assert "✅ delivered" in listing_on_sqlite and "❌ failed" in listing_on_sqlite
    assert await bot_process.stop() == 0

    before = await snapshot(sqlite_path)
    (bobs_id,) = [j["id"] for j in before["jobs"] if j["user_id"] == BOB]
    assert bobs_id in [m["job_id"] for m in before["media_files"]], "Bob's photo is hosted"
    env = {k: v for k, v in bot_env.items() if k != "DATABASE_URL"}
    status, out, err = await copy_data(env, tmp_path, pg_url)
    assert (status, err) == (0, ""), out + err
    photos, updates = len(before["media_files"]), len(before["handled_updates"])
    counts = f"users 2, drafts 4, jobs 3, media_files {photos}, handled_updates {updates}, inbox 0"
    assert f"{counts}, ledger 0, job_frames 1, albums 1, album_photos 4." in out, (
        "Ann's delivered video's last frame, and her album"
    )
    assert await snapshot(pg_url) == without_leases(before)
    await assert_same_through_the_repositories(sqlite_path, pg_url)

    bot_env["DATABASE_URL"] = pg_url
    await bot_process.start()
    assert await ask_jobs(telegram, ann) == listing_on_sqlite, "Ann sees the same videos"
    # Bob's video, made while the bot moved, is delivered by the bot on PostgreSQL.
    (bobs_job,) = [j for j in shortapi.jobs.values() if j.args["prompt"].endswith("making")]
    bobs_job.finished = True
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(BOB, bobs["message_id"])["text"], timeout=20
    )
    assert len([u for u in telegram.uploads if u.chat_id == BOB]) == 1
    # Ann's options, shown by the bot on SQLite, still work; the new video is her third.
    telegram.press(ANN, ann, waiting["message_id"], button(waiting, "Generate"))
    await telegram.wait_for(
        lambda: "delivered" in telegram.message(ANN, waiting["message_id"])["text"], timeout=20
    )
    listing = await ask_jobs(telegram, ann)
    newest = listing.split("Your recent videos:\n\n")[1]
    assert newest.startswith("#3 “A video after the move”\n"), listing
