"""Several bot processes with one bot token, each with its own folder and HTTP port."""

import asyncio
from pathlib import Path

import httpx

from bot.telegram.leader import LEADING, WAITING
from tests.fakes import FakeTelegram
from tests.process import BotProcess, free_port


class Replicas:
    """Bot processes started one by one, each with its own folder and HTTP port."""

    def __init__(self, base_env: dict[str, str], root: Path, telegram: FakeTelegram) -> None:
        self._base_env, self._root, self._telegram = base_env, root, telegram
        self.started: list[BotProcess] = []
        self.urls: dict[str, str] = {}

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
        self.urls[name] = url
        await proc.start()
        # Another replica's poll may have ended start(): wait for this one's own word.
        said = ("Application started",) if env.get("TELEGRAM_WEBHOOK") else (LEADING, WAITING)
        for _ in range(300):
            if any(line in proc.log() for line in said):
                return proc, url
            await asyncio.sleep(0.1)
        raise AssertionError(f"replica {name} never said {said}:\n{proc.log()[-3000:]}")

    async def health(self, name: str) -> dict:
        """What the replica's /healthz says (it must be healthy)."""
        async with httpx.AsyncClient() as http:
            answer = await http.get(f"{self.urls[name]}/healthz")
        assert answer.status_code == 200, answer.text
        return answer.json()

    async def leaders(self, names: list[str]) -> list[str]:
        """Those of the replicas whose /healthz says they are the polling leader."""
        return [name for name in names if (await self.health(name))["leader"]]

    async def one_leader(self, names: list[str]) -> str:
        """Wait (bounded) until exactly one of them says it leads; its name."""
        for _ in range(100):
            found = await self.leaders(names)
            if len(found) == 1:
                return found[0]
            assert len(found) < 2, f"two replicas say they lead: {found}"
            await asyncio.sleep(0.2)
        raise AssertionError(f"none of {names} became the polling leader")
