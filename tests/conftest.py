"""Shared fixtures: the fake servers and the real bot process pointed at them."""

import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from telegram import Bot

from tests import postgres
from tests.fakes import FakeShortAPI, FakeTelegram
from tests.fakes.telegram import DEFAULT_TOKEN
from tests.process import API_KEY, BOT_TOKEN, BotProcess, bot_environ, free_port

POLL_INTERVAL = "0.2"

# Bytecode caches, whatever PYTHONDONTWRITEBYTECODE says (containers often set it): without
# them each xdist worker rewrites the asserts of every test module it collects (measured: 3.4 s
# of CPU a worker instead of 1.8) and, on a fresh checkout, every bot process compiles bot/ and
# storage/ anew (0.1 s each) as the workers never write their caches. Only __pycache__ (which
# git ignores) is written; a tree that cannot be written to is fine, as Python ignores that.
sys.dont_write_bytecode = False


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=BOT_TOKEN) as fake:
        yield fake


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    """A fake Bot API with its default token, for tests of the fake itself."""
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def ptb(tg: FakeTelegram) -> AsyncIterator[Bot]:
    """python-telegram-bot's Bot, pointed at `tg`."""
    bot = Bot(
        DEFAULT_TOKEN, base_url=f"{tg.base_url}/bot", base_file_url=f"{tg.base_url}/file/bot"
    )
    async with bot:
        yield bot


@pytest.fixture
async def shortapi() -> AsyncIterator[FakeShortAPI]:
    async with FakeShortAPI(api_key=API_KEY) as fake:
        yield fake


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker that keeps a test of `store` (or `db`) on SQLite."""
    config.addinivalue_line("markers", "sqlite_only: the test's `store` is SQLite alone")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `both_stores` runs with the bot on SQLite, then on PostgreSQL; a test of
    `store` runs on each store in turn, unless it is marked `sqlite_only`."""
    marked = metafunc.definition.get_closest_marker
    if "bot_store" in metafunc.fixturenames and marked("both_stores"):
        metafunc.parametrize("bot_store", ["sqlite", "postgres"], indirect=True)
    if "store" in metafunc.fixturenames and not marked("sqlite_only"):
        metafunc.parametrize("store", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def bot_store(request: pytest.FixtureRequest) -> str:
    """The store the bot runs on: each in turn for `both_stores` tests, else SQLite (or the
    one TEST_BOT_STORE names, to run every end-to-end test on PostgreSQL)."""
    return getattr(request, "param", os.environ.get("TEST_BOT_STORE", "sqlite"))


@pytest.fixture
def bot_env(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    telegram: FakeTelegram,
    shortapi: FakeShortAPI,
    bot_store: str,
) -> dict[str, str]:
    """The environment the bot runs with; a test may change it before starting the bot."""
    env = bot_environ(
        TELEGRAM_BOT_TOKEN=BOT_TOKEN,
        SHORTAPI_KEY=API_KEY,
        TELEGRAM_API_URL=telegram.base_url,
        SHORTAPI_BASE_URL=shortapi.base_url,
        DATABASE_PATH=str(tmp_path / "data" / "bot.sqlite3"),
        JOB_POLL_INTERVAL=POLL_INTERVAL,
        LOG_LEVEL="DEBUG",
        PYTHONUNBUFFERED="1",
    )
    if bot_store == "postgres":
        env["DATABASE_URL"] = request.getfixturevalue("pg_url")
        # A killed bot's leases must run out before its jobs go on (SQLite frees them at
        # start): seconds here, not the default half minute.
        env["JOB_LEASE"] = "3"
    return env


@pytest.fixture
def uploads_only(bot_env: dict[str, str]) -> None:
    """The bot downloads and uploads every video itself (VIDEO_BY_URL=false): for the tests
    of that path. Name it before `bot`, which starts the bot with bot_env."""
    bot_env["VIDEO_BY_URL"] = "false"


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[postgres.Databases]:
    """This worker's PostgreSQL server (started on first use; see tests/postgres.py)."""
    with postgres.session() as databases:
        yield databases


@pytest.fixture
def pg_url(pg_databases: postgres.Databases) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test: its postgresql:// URL."""
    with pg_databases.database() as url:
        yield url


@pytest.fixture
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """What Database.open() takes: a SQLite path, then a PostgreSQL URL (each test runs twice;
    once, on SQLite, if it is marked `sqlite_only`)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return str(tmp_path / "data" / "bot.sqlite3")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def pg_bot_env(bot_env: dict[str, str], pg_url: str) -> dict[str, str]:
    """bot_env with the bot storing into a fresh PostgreSQL database."""
    bot_env["DATABASE_URL"] = pg_url
    return bot_env


@pytest.fixture
async def bot_process(
    request: pytest.FixtureRequest, tmp_path: Path, bot_env: dict[str, str], telegram: FakeTelegram
) -> AsyncIterator[BotProcess]:
    """A bot process, not yet started. Any unhandled error in its log fails the test."""
    proc = BotProcess(bot_env, tmp_path, telegram)
    yield proc
    await proc.stop()
    log = proc.log()
    print(log[-4000:])
    if request.node.get_closest_marker("allow_bot_errors") is None:
        assert "Traceback" not in log, "the bot logged an unhandled error"


@pytest.fixture
async def bot(bot_process: BotProcess) -> BotProcess:
    """The running bot."""
    await bot_process.start()
    return bot_process


@pytest.fixture
async def pg_bot(pg_bot_env: dict[str, str], bot_process: BotProcess) -> BotProcess:
    """The running bot, storing into a fresh PostgreSQL database (`bot` would have started
    before a `pg_bot_env` later in the arguments could set DATABASE_URL)."""
    await bot_process.start()
    return bot_process


@pytest.fixture
def public(bot_env: dict[str, str]) -> str:
    """Turn the HTTP server on, on a free local port; its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    bot_env.update(PUBLIC_BASE_URL=url, WEB_HOST="127.0.0.1", WEB_PORT=str(port))
    return url
