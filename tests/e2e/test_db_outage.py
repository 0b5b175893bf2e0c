"""The database goes away while the bot runs: what ShortAPI, Telegram, a photo fetch and a
health checker get from the bot's HTTP server, and what the operator reads in its log.

PostgreSQL vanishes or stalls behind a relay the test controls (`Outage`, in
tests/postgres_helpers.py); a SQLite file is locked by another process holding its write lock.
"""

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.web.server import SECRET_HEADER, WEBHOOK_PATH, Webhook, WebServer
from storage import DatabaseUnavailable
from tests.chat import button, open_options
from tests.fakes import FakeShortAPI, FakeTelegram
from tests.postgres_helpers import Outage
from tests.process import BotProcess, free_port

ANN = 1001
# What a health checker such as Kubernetes' waits for an answer by default.
CHECKER_TIMEOUT = 1.0
_LINE = re.compile(r"^\S+ \S+ ([A-Z]+) ([\w.]+): ")


@pytest.fixture
async def outage(bot_env: dict[str, str], pg_url: str) -> AsyncIterator[Outage]:
    """The bot's PostgreSQL database, reached through a relay that can cut or stall it."""
    async with Outage(pg_url) as relay:
        bot_env["DATABASE_URL"] = relay.url
        bot_env["JOB_LEASE"] = "3"
        yield relay


async def held_job(
    bot: BotProcess, telegram: FakeTelegram, shortapi: FakeShortAPI
) -> tuple[str, str]:
    """Ann's video, submitted and still running: its callback URL and its photo's URL."""
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    [create] = await shortapi.wait_for(lambda: shortapi.creates, timeout=10)
    for _ in range(100):  # the bot has recorded the submission: it writes nothing for a while
        if "job 1 submitted as" in bot.log():
            return create.body["callback_url"], create.body["args"]["image"]
        await asyncio.sleep(0.05)
    raise AssertionError("the bot never recorded the submission")


def warnings_since(bot: BotProcess, start: int, *loggers: str) -> list[str]:
    """The warnings and errors logged since line `start` by these loggers or their children."""
    found = []
    for line in bot.log().splitlines()[start:]:
        match = _LINE.match(line)
        if not match or match[1] not in ("WARNING", "ERROR", "CRITICAL"):
            continue
        if any(match[2] == name or match[2].startswith(f"{name}.") for name in loggers):
            found.append(line)
    return found


async def healthy_again(http: httpx.AsyncClient, public: str) -> None:
    """Wait (bounded) until /healthz answers 200."""
    for _ in range(60):
        answer = await http.get(f"{public}/healthz")
        if answer.status_code == 200:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"/healthz never became healthy: {answer.text}")


async def test_while_postgresql_is_gone_callbacks_and_photos_get_503_and_the_log_one_line(
    outage: Outage, public: str, bot_process: BotProcess, telegram, shortapi
) -> None:
    shortapi.hold_jobs = True  # the job runs until the test ends
    await bot_process.start()
    callback, photo = await held_job(bot_process, telegram, shortapi)
    start = len(bot_process.log().splitlines())
    async with httpx.AsyncClient(timeout=5) as http:
        await outage.gone()
        assert (await http.post(callback, json={"status": 1})).status_code == 503
        assert (await http.get(photo)).status_code == 503
        health = await http.get(f"{public}/healthz")
        assert health.status_code == 503
        assert health.json()["database"].startswith("error")
        # asyncpg's pool tried to reconnect after 1 s and 2 s more while the server was away.
        await asyncio.sleep(3.5)
        assert (await http.post(callback, json={"status": 1})).status_code == 503
        said = warnings_since(bot_process, start, "storage", "asyncpg", "aiohttp", "bot.web")

        await outage.back()
        await healthy_again(http, public)
        assert (await http.post(callback, json={"status": 1})).status_code == 200
        assert (await http.get(photo)).status_code == 200
    assert len(said) == 1 and " ERROR storage.db: " in said[0], "\n".join(said)


async def test_while_postgresql_stalls_healthz_answers_503_within_a_second(
    outage: Outage, public: str, bot_process: BotProcess
) -> None:
    await bot_process.start()
    async with httpx.AsyncClient(timeout=CHECKER_TIMEOUT) as http:
        assert (await http.get(f"{public}/healthz")).status_code == 200
        outage.stall()
        for _ in range(3):  # a checker asks again and again; each gets its answer in time
            health = await http.get(f"{public}/healthz")  # a ReadTimeout here is a hang
            assert health.status_code == 503
            assert health.json()["database"] == "error: timeout"
        await outage.back()
        await healthy_again(http, public)


async def test_a_locked_sqlite_file_gets_callbacks_503_and_healthz_an_answer_in_time(
    bot_env: dict[str, str], public: str, bot_process: BotProcess, telegram, shortapi
) -> None:
    bot_env.pop("DATABASE_URL", None)  # SQLite's own condition, whatever TEST_BOT_STORE says
    bot_env["JOB_POLL_INTERVAL"] = "30"  # only the requests below use the database
    shortapi.hold_jobs = True
    await bot_process.start()
    callback, photo = await held_job(bot_process, telegram, shortapi)
    start = len(bot_process.log().splitlines())
    # Another process (an operator's sqlite3 shell, a backup) holds the write lock.
    holder = sqlite3.connect(bot_env["DATABASE_PATH"], isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        async with httpx.AsyncClient(timeout=10) as http:
            assert (await http.get(photo)).status_code == 200, "reads go on"
            # The callback's write waits out SQLite's busy_timeout (5 s), then gives up.
            assert (await http.post(callback, json={"status": 1})).status_code == 503
            # Now the bot tries a write every few seconds, each waiting out busy_timeout too.
            health = await http.get(f"{public}/healthz", timeout=CHECKER_TIMEOUT)
            assert health.status_code == 503
            assert health.json()["database"] == "error: timeout"
            holder.rollback()
            await healthy_again(http, public)
            assert (await http.post(callback, json={"status": 1})).status_code == 200
    finally:
        holder.close()
    errors = warnings_since(bot_process, start, "storage", "aiohttp", "bot.web")
    assert len(errors) == 2, "\n".join(errors)
    assert "database is locked" in errors[0] and "writes work again" in errors[1]


async def test_a_webhook_update_the_database_cannot_take_is_refused_with_503(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    """Telegram delivers an update again until it gets a 2xx: a 503 loses nothing."""

    async def deliver(update: dict) -> None:
        raise DatabaseUnavailable("[Errno 111] Connect call failed", "ConnectionRefusedError")

    port = free_port()
    server = WebServer(  # type: ignore[arg-type]
        host="127.0.0.1",
        port=port,
        db=None,
        runner=None,
        hosting=None,
        webhook=Webhook("the-secret", deliver),
        store="postgresql",
        leadership=None,
    )
    await server.start()
    try:
        with caplog.at_level(logging.DEBUG):
            async with httpx.AsyncClient(timeout=5) as http:
                answer = await http.post(
                    f"http://127.0.0.1:{port}{WEBHOOK_PATH}",
                    json={"update_id": 1, "message": {"message_id": 1}},
                    headers={SECRET_HEADER: "the-secret"},
                )
    finally:
        await server.stop()
    assert answer.status_code == 503
    logged = [r for r in caplog.records if r.exc_info or r.levelno >= logging.WARNING]
    assert not logged, [r.getMessage() for r in logged]
