"""What the benchmark scenarios share: the fake servers, the bot's environment, a watcher."""

import asyncio
import os
import time
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from tests.fakes import FakeTelegram
from tests.fakes._tg_request import Call
from tests.process import bot_environ

BOT_TOKEN = "7654321:AAE-fake-token-for-the-benchmark-012345"
API_KEY = "sk-shortapi-bench-key-0123456789abcdef"
# The bots the interactions scenario compares, by label: ours, and two bare baselines.
BOTS = {
    "ours": "bot",
    "ptb": "tests.bench.baseline_bot",
    "aiogram": "tests.bench.baseline_aiogram",
}
# The bot processes run in a scratch folder; the baselines are imported from this checkout.
REPO = Path(__file__).resolve().parents[2]


def bot_env(
    workdir: Path, telegram_url: str, shortapi_url: str, **settings: str
) -> dict[str, str]:
    """The environment a bot process runs with in the benchmark (logging at INFO)."""
    env = bot_environ(
        TELEGRAM_BOT_TOKEN=BOT_TOKEN,
        SHORTAPI_KEY=API_KEY,
        TELEGRAM_API_URL=telegram_url,
        SHORTAPI_BASE_URL=shortapi_url,
        DATABASE_PATH=str(workdir / "data" / "bot.sqlite3"),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    env.update(settings)
    return env


class Watcher:
    """Timestamps the bot's answers as the fake Telegram takes them.

    A user coroutine says what answer it expects (a key) and awaits it; the fake's observer
    resolves it with the moment of the call, so the harness's own scheduling delays are not
    counted as the bot's.
    """

    def __init__(self, telegram: FakeTelegram) -> None:
        self._waiting: dict[Hashable, asyncio.Future[tuple[float, Any]]] = {}
        self.refused: list[Call] = []
        telegram.observers.append(self._observe)

    def expect(self, key: Hashable) -> asyncio.Future[tuple[float, Any]]:
        """A future resolved with (time.perf_counter(), result) when the answer comes."""
        future: asyncio.Future[tuple[float, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[key] = future
        return future

    def _observe(self, call: Call) -> None:
        if call.method == "getUpdates":
            return  # a poll ended by the bot's own stop (409) is not an answer refused
        if call.http_status != 200:
            self.refused.append(call)
            return
        key = answer_key(call)
        future = self._waiting.pop(key, None) if key is not None else None
        if future is not None and not future.done():
            future.set_result((time.perf_counter(), call.result))


def answer_key(call: Call) -> Hashable | None:
    """What a user sees of a call: its options message, an edit of it, or a video."""
    chat_id = call.params.get("chat_id")
    if call.method == "sendMessage" and call.params.get("reply_markup"):
        return ("keyboard", chat_id)
    if call.method == "editMessageText":
        return ("edit", chat_id, call.params.get("message_id"))
    if call.method in ("sendVideo", "sendDocument"):
        return ("video", chat_id)
    return None
