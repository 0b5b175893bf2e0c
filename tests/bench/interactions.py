"""Scenario 1: U users at once each send a captioned photo, then press three option buttons.

Each action is timed from the moment the user acts (the update is queued at the fake Telegram)
to the bot's visible answer (the options message, or the edit of it) reaching the fake.
"""

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.bench.common import API_KEY, BOT_TOKEN, Watcher, bot_env
from tests.bench.measure import proc_usage
from tests.fakes import FakeShortAPI, FakeTelegram
from tests.images import jpeg
from tests.process import BotProcess

CAPTION = "A lighthouse in a storm, waves crashing, camera slowly pushing in"
PRESSES = 3
# A phone photo as Telegram serves its largest size is typically 100-300 kB.
PHOTO_BYTES = 150_000
FIRST_USER_ID = 1_000_001
ANSWER_TIMEOUT = 120.0


@dataclass
class Round:
    """One run of one bot with U users."""

    bot: str
    users: int
    photo_latencies: list[float] = field(default_factory=list)
    press_latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    failures: int = 0
    peak_rss_mb: float = 0.0  # the bot process's, read just before it is stopped

    @property
    def latencies(self) -> list[float]:
        """Every action's latency."""
        return self.photo_latencies + self.press_latencies

    @property
    def interactions(self) -> int:
        """Actions that got their answer."""
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        """Answered actions per second of the round."""
        return self.interactions / self.seconds if self.seconds else 0.0


def next_button(message: dict[str, Any], row: int) -> str:
    """The callback data of the first button in the row that is not the chosen value."""
    buttons = message["reply_markup"]["inline_keyboard"][row]
    return next(b["callback_data"] for b in buttons if "✅" not in b["text"])


async def _user(
    telegram: FakeTelegram, watcher: Watcher, user_id: int, photo: bytes, result: Round
) -> tuple[float, float] | None:
    """One person's session; the first action's start and the last answer's time."""
    user = telegram.user(user_id, first_name=f"User{user_id}")
    session_start: float | None = None
    message: dict[str, Any] = {}
    for step in range(1 + PRESSES):
        if step == 0:
            answer = watcher.expect(("keyboard", user_id))
            acted = time.perf_counter()
            telegram.send_photo(user_id, user, photo, caption=CAPTION)
        else:
            data = next_button(message, step - 1)
            answer = watcher.expect(("edit", user_id, message["message_id"]))
            acted = time.perf_counter()
            telegram.press(user_id, user, message["message_id"], data)
        session_start = session_start or acted
        try:
            answered, message = await asyncio.wait_for(answer, ANSWER_TIMEOUT)
        except TimeoutError:
            result.failures += 1
            return None
        (result.press_latencies if step else result.photo_latencies).append(answered - acted)
    assert session_start is not None
    return session_start, answered


async def run_round(bot_module: str, label: str, users: int, workdir: Path) -> Round:
    """Start the bot against fresh fakes, let `users` people act at once, stop the bot."""
    workdir.mkdir(parents=True, exist_ok=True)
    result = Round(label, users)
    photo = jpeg(seed=7, size=PHOTO_BYTES)
    async with FakeTelegram(token=BOT_TOKEN) as telegram, FakeShortAPI(api_key=API_KEY) as api:
        env = bot_env(workdir, telegram.base_url, api.base_url)
        process = BotProcess(env, workdir, telegram, module=bot_module)
        await process.start()
        try:
            watcher = Watcher(telegram)
            before = proc_usage(process.pid)
            spans = await asyncio.gather(
                *(_user(telegram, watcher, FIRST_USER_ID + n, photo, result) for n in range(users))
            )
            after = proc_usage(process.pid)
            result.peak_rss_mb = after.peak_rss_mb
        finally:
            await process.stop()
        done = [s for s in spans if s is not None]
        if done:
            result.seconds = max(end for _, end in done) - min(start for start, _ in done)
        result.cpu_seconds = after.cpu_seconds - before.cpu_seconds
        result.failures += len(watcher.refused)
    return result
