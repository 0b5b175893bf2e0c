"""A create call in flight on one replica, while its lease has just run out, through real bot
processes on one PostgreSQL: another replica does not declare it "outcome unknown" until the
lease has been out for a whole lease more (a replica slow to renew is not overruled)."""

import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from tests.chat import button, open_options
from tests.fakes import FakeTelegram
from tests.process import BotProcess

ANN = 1001
LEASE = 30  # JOB_LEASE, and so the grace: far longer than the test needs A to be frozen


class PgReplicas:
    """Bot processes on one database, each with its own folder; all stopped at the end."""

    def __init__(self, env: dict[str, str], root: Path, telegram: FakeTelegram) -> None:
        self._env, self._root, self._telegram = env, root, telegram
        self.started: list[BotProcess] = []

    async def start(self, name: str) -> BotProcess:
        folder = self._root / name
        folder.mkdir()
        env = self._env | {"DATABASE_PATH": str(folder / "data" / "bot.sqlite3")}
        proc = BotProcess(env, folder, self._telegram)
        self.started.append(proc)
        await proc.start()
        return proc


@pytest.fixture
async def pg_replicas(
    bot_env: dict[str, str], pg_url: str, tmp_path: Path, telegram: FakeTelegram
) -> AsyncIterator[PgReplicas]:
    group = PgReplicas(
        bot_env | {"DATABASE_URL": pg_url, "JOB_LEASE": str(LEASE)}, tmp_path, telegram
    )
    yield group
    for proc in group.started:
        if not proc.exited:
            os.kill(proc.pid, signal.SIGCONT)
        await proc.stop()
    for proc in group.started:
        log = proc.log()
        print(f"--- {proc.workdir.name}\n{log[-3000:]}")
        assert "Traceback" not in log, f"replica {proc.workdir.name} logged an unhandled error"


async def expire_the_lease(pg_url: str) -> None:
    """The one job is being created, and its replica's lease ran out a second ago."""
    conn = await asyncpg.connect(pg_url)
    try:
        assert await conn.fetchval("SELECT status FROM jobs") == "creating"
        await conn.execute("UPDATE jobs SET lease_until = $1", time.time() - 1)
    finally:
        await conn.close()


async def test_a_create_call_whose_lease_just_ran_out_is_not_declared_unknown(
    pg_url, pg_replicas, telegram, shortapi
):
    a = await pg_replicas.start("a")  # the first polls: Ann's Generate is A's
    ann = telegram.user(ANN)
    shortapi.fail_next_create(http_status=None, delay=3)  # answered, but only after 3 s
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await shortapi.wait_for(lambda: shortapi.creates, timeout=10)

    # A is frozen with the create call in flight (as a busy event loop would hold it) and its
    # lease has run out a moment ago: B, starting now, looks for abandoned jobs at once.
    os.kill(a.pid, signal.SIGSTOP)
    await expire_the_lease(pg_url)
    await pg_replicas.start("b")  # its start took abandoned jobs before it said it waits to lead

    # A thaws: its create call is answered, and the video it paid for is delivered.
    os.kill(a.pid, signal.SIGCONT)

    def status() -> str:
        return telegram.message(ANN, options["message_id"])["text"]

    await telegram.wait_for(
        lambda: "delivered" in status() or "outcome unknown" in status(), timeout=30
    )
    assert not any("no answer came back" in m.get("text", "") for m in telegram.bot_messages(ANN))
    assert "delivered" in status()
    assert len(shortapi.creates) == 1 and len(telegram.uploads) == 1
