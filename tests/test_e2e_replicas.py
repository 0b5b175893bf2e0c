"""Several bot processes (replicas) with one bot token: how each gets its updates.

Webhook mode: every replica serves /telegram/webhook behind the operator's load balancer, so
they must all accept the secret Telegram sends, whichever of them set the webhook last.
"""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot import texts
from tests.conftest import BOT_TOKEN
from tests.fakes import FakeTelegram
from tests.process import BotProcess, free_port

ANN = 1001


def help_update(update_id: int, message_id: int, text: str) -> dict:
    """A /command from Ann as Telegram would POST it to a webhook."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": message_id,
            "date": 0,
            "chat": {"id": ANN, "type": "private"},
            "from": {"id": ANN, "is_bot": False, "first_name": "Ann"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


class Replicas:
    """Bot processes started one by one, each with its own folder and HTTP port."""

    def __init__(self, base_env: dict[str, str], root: Path, telegram: FakeTelegram) -> None:
        self._base_env, self._root, self._telegram = base_env, root, telegram
        self.started: list[BotProcess] = []

    async def start(self, name: str, **env: str) -> tuple[BotProcess, str]:
        """Start one replica; it and its public base URL."""
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        folder = self._root / name
        folder.mkdir()
        replica_env = self._base_env | {
            "PUBLIC_BASE_URL": url,
            "WEB_HOST": "127.0.0.1",
            "WEB_PORT": str(port),
            "DATABASE_PATH": str(folder / "data" / "bot.sqlite3"),
            **env,
        }
        proc = BotProcess(replica_env, folder, self._telegram)
        self.started.append(proc)
        await proc.start()
        return proc, url


@pytest.fixture
async def replicas(
    request: pytest.FixtureRequest, bot_env: dict[str, str], tmp_path: Path, telegram: FakeTelegram
) -> AsyncIterator[Replicas]:
    """Start replicas with `replicas.start(name)`; all are stopped and their logs checked."""
    group = Replicas(bot_env, tmp_path, telegram)
    yield group
    for proc in group.started:
        await proc.stop()
    for proc in group.started:
        log = proc.log()
        print(f"--- {proc.workdir.name}\n{log[-3000:]}")
        if request.node.get_closest_marker("allow_bot_errors") is None:
            assert "Traceback" not in log, f"replica {proc.workdir.name} logged an unhandled error"


async def test_webhook_replicas_share_one_secret_and_all_take_updates(
    replicas: Replicas, telegram: FakeTelegram
) -> None:
    """B's start sets the webhook again with A's secret: updates reaching A (through the load
    balancer) and those Telegram sends to B's URL are both accepted and answered.
    """
    a, a_url = await replicas.start("a", TELEGRAM_WEBHOOK="true")
    secret = telegram.webhook["secret_token"]
    b, b_url = await replicas.start("b", TELEGRAM_WEBHOOK="true")
    hook = telegram.webhook
    assert hook["url"] == f"{b_url}/telegram/webhook", "B's start set the webhook last"
    assert hook["secret_token"] == secret, "a replica's start must not change the secret"

    ann = telegram.user(ANN, "Ann")
    telegram.send_text(ANN, ann, "/help")
    await telegram.wait_for_bot_message(ANN, lambda m: m["text"].startswith(texts.HELP))
    assert [d.status for d in telegram.webhook_deliveries] == [200]

    async with httpx.AsyncClient() as http:
        answer = await http.post(
            f"{a_url}/telegram/webhook",
            json=help_update(900001, 9001, "/jobs"),
            headers={"X-Telegram-Bot-Api-Secret-Token": hook["secret_token"]},
        )
    assert answer.status_code == 200, "A refused the secret Telegram now sends"
    await telegram.wait_for_bot_message(ANN, lambda m: m["text"] == texts.NO_JOBS)
    for proc in (a, b):
        log = proc.log()
        assert "setWebhook" in log, "the DEBUG log shows the setWebhook call and its parameters"
        assert secret not in log and BOT_TOKEN not in log
