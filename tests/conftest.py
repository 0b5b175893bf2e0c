"""Shared fixtures: the fake servers and the real bot process pointed at them."""

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes import FakeShortAPI, FakeTelegram

# Shaped like a real token (digits, colon, 35+ characters) so redaction by shape is exercised,
# but with fewer digits than a real bot id.
BOT_TOKEN = "1234567:AAE-fake-token-for-tests-only-0123456789"
API_KEY = "sk-shortapi-test-key-0123456789abcdef"
POLL_INTERVAL = "0.2"


class BotProcess:
    """`python -m bot` as a child process, with its log kept in a file."""

    def __init__(self, env: dict[str, str], workdir: Path, telegram: FakeTelegram) -> None:
        self.env = env
        self.workdir = workdir
        self.log_path = workdir / "bot.log"
        self._telegram = telegram
        self._proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start the process and wait until it is polling Telegram for updates."""

        # Ready when it polls for updates, or (webhook mode) when it has set its webhook.
        def ready_calls() -> int:
            return len(self._telegram.calls_of("getUpdates")) + len(
                self._telegram.calls_of("setWebhook")
            )

        polls_before = ready_calls()
        log = self.log_path.open("ab")
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=self.workdir,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        log.close()
        await self._telegram.wait_for(
            lambda: ready_calls() > polls_before or self.exited,
            timeout=30,
        )
        assert not self.exited, f"bot exited at start:\n{self.log()}"

    @property
    def exited(self) -> bool:
        """Whether the process has ended."""
        return self._proc is not None and self._proc.returncode is not None

    async def stop(self) -> int | None:
        """SIGTERM, then SIGKILL if it does not end in time; the exit code."""
        if self._proc is None or self._proc.returncode is not None:
            return self._proc.returncode if self._proc else None
        self._proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self._proc.wait(), timeout=15)
        except TimeoutError:
            self._proc.kill()
            return await self._proc.wait()

    async def kill(self) -> None:
        """kill -9: no clean-up at all, as in a crash."""
        if self._proc is not None and self._proc.returncode is None:
            self._proc.kill()
            await self._proc.wait()

    def log(self) -> str:
        """Everything the process wrote to stdout and stderr."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=BOT_TOKEN) as fake:
        yield fake


@pytest.fixture
async def shortapi() -> AsyncIterator[FakeShortAPI]:
    async with FakeShortAPI(api_key=API_KEY) as fake:
        yield fake


@pytest.fixture
def bot_env(tmp_path: Path, telegram: FakeTelegram, shortapi: FakeShortAPI) -> dict[str, str]:
    """The environment the bot runs with; a test may change it before starting the bot."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SHORTAPI_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=BOT_TOKEN,
        SHORTAPI_KEY=API_KEY,
        TELEGRAM_API_URL=telegram.base_url,
        SHORTAPI_BASE_URL=shortapi.base_url,
        DATABASE_PATH=str(tmp_path / "data" / "bot.sqlite3"),
        JOB_POLL_INTERVAL=POLL_INTERVAL,
        LOG_LEVEL="DEBUG",
        PYTHONUNBUFFERED="1",
    )
    return env


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
