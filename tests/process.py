"""The bot under test as a child process, pointed at the fake servers."""

import asyncio
import os
import resource
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from bot.telegram.leader import WAITING
from tests.fakes import FakeTelegram

# Shaped like a real token (digits, colon, 35+ characters) so redaction by shape is exercised,
# but with fewer digits than a real bot id.
BOT_TOKEN = "1234567:AAE-fake-token-for-tests-only-0123456789"
API_KEY = "sk-shortapi-test-key-0123456789abcdef"


class BotProcess:
    """`python -m bot` (or another bot module) as a child process, its log kept in a file."""

    def __init__(
        self, env: dict[str, str], workdir: Path, telegram: FakeTelegram, module: str = "bot"
    ) -> None:
        self.env = env
        self.module = module
        self.workdir = workdir
        self.log_path = workdir / "bot.log"
        self._telegram = telegram
        self._proc: asyncio.subprocess.Process | None = None
        # (soft, hard) RLIMIT_NOFILE for the child, as a systemd LimitNOFILE would set it.
        self.open_files: tuple[int, int] | None = None

    async def start(self) -> None:
        """Start the process and wait until it takes updates: it polls Telegram, has set its
        webhook, or (a replica that is not the polling leader) says it waits to lead."""

        def ready_calls() -> int:
            return len(self._telegram.calls_of("getUpdates")) + len(
                self._telegram.calls_of("setWebhook")
            )

        polls_before = ready_calls()
        log_before = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = self.log_path.open("ab")
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            self.module,
            cwd=self.workdir,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            preexec_fn=self._limit_open_files if self.open_files else None,
        )
        log.close()

        def waits_to_lead() -> bool:
            with self.log_path.open("rb") as written:
                written.seek(log_before)
                return WAITING.encode() in written.read()

        # Looked for every 0.05 s: a line in the log wakes nothing up.
        for _ in range(600):
            if ready_calls() > polls_before or self.exited or waits_to_lead():
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError(f"the bot did not start in 30 s:\n{self.log()[-3000:]}")
        assert not self.exited, f"bot exited at start:\n{self.log()}"

    def _limit_open_files(self) -> None:
        assert self.open_files is not None
        resource.setrlimit(resource.RLIMIT_NOFILE, self.open_files)

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

    @property
    def pid(self) -> int:
        """The process id (the process must have been started)."""
        assert self._proc is not None
        return self._proc.pid


def bot_environ(**settings: str) -> dict[str, str]:
    """This process's environment less the bot's own settings, with `settings` added."""
    # Not DATABASE_URL either: a developer's own database must never receive test data.
    prefixes = ("TELEGRAM_", "SHORTAPI_", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    # The tests of other things make many videos: a cap in all none of them reaches (not 0,
    # which a bot open to everyone logs as a warning). A fresh bot's own cap ($20.00 a day) is
    # tested where it is named, with this taken out.
    env["DAILY_BUDGET"] = "1000.00"
    # Most tests check prices in USD on the card and the buttons; hidden prices (the default)
    # are tested where they are named, with this taken out.
    env["SHOW_PRICES"] = "true"
    env.update(settings)
    return env


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run_until_exit(
    env: dict[str, str],
    cwd: Path,
    *args: str,
    preexec_fn: Callable[[], None] | None = None,
    timeout: float = 30,  # noqa: ASYNC109
) -> tuple[int, str]:
    """`python -m bot [args]` that must end by itself: its exit code and all it printed
    (stdout and stderr together)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        preexec_fn=preexec_fn,
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=timeout)
    except TimeoutError:
        proc.kill()
        out, _ = await proc.communicate()
        raise AssertionError(f"the bot kept running:\n{out.decode()[-3000:]}") from None
    return proc.returncode or 0, out.decode()


async def run_to_end(
    env: dict[str, str],
    cwd: Path,
    *args: str,
    command: tuple[str, ...] = (sys.executable, "-m", "bot"),
) -> tuple[int, str, str]:
    """`python -m bot <args>` (or another command) to its end: exit code, stdout, stderr."""
    proc = await asyncio.create_subprocess_exec(
        *command,
        *args,
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    except TimeoutError:
        proc.kill()
        await proc.communicate()
        raise AssertionError(f"{' '.join(args) or 'the command'} did not end") from None
    return proc.returncode or 0, out.decode(), err.decode()
