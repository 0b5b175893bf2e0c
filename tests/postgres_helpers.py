"""What the tests do to a PostgreSQL database beside the bot: see who holds an advisory lock,
and put a relay between the bot and the server to make it vanish or stall (an outage).

The server and the per-test databases themselves: tests/postgres.py.
"""

import asyncio
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from tests.process import free_port


async def lock_holders(url: str, key: int) -> list[int]:
    """The backend pids holding this advisory lock in that database, seen from outside."""
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND ((classid::bigint << 32) | objid::bigint) = $1",
            key,
        )
    finally:
        await conn.close()
    return [row["pid"] for row in rows]


class Outage:
    """A TCP relay between the bot and the PostgreSQL server, for the tests of an outage: the
    server can vanish (connections cut, new ones refused) or stall (connections accepted and
    held, nothing answered, as a stopped or unreachable server does), then come back.

    Runs on the test's event loop; `url` is the database's URL through the relay.
    """

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self._target = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self._port = free_port()
        netloc = parts.netloc.rpartition("@")
        host = f"{self._target[0]}:{self._port}"
        self.url = urlunsplit(parts._replace(netloc=f"{netloc[0]}{netloc[1]}{host}"))
        self._server: asyncio.Server | None = None
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._relays: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> "Outage":
        await self._listen()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.gone()
        self._flowing.set()
        if self._relays:
            _, pending = await asyncio.wait(self._relays, timeout=5)
            for task in pending:
                task.cancel()

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self._port)

    async def gone(self) -> None:
        """The server vanishes: every connection is cut, new ones are refused."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    def stall(self) -> None:
        """The server stops answering: what is sent to it is held, new connections wait."""
        self._flowing.clear()

    async def back(self) -> None:
        """The server answers again (what was held goes on)."""
        if self._server is None:
            await self._listen()
        self._flowing.set()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._relays.add(task)
        self._writers.add(writer)
        try:
            await self._flowing.wait()
            up_reader, up_writer = await asyncio.open_connection(*self._target)
            self._writers.add(up_writer)
            await asyncio.gather(self._pump(reader, up_writer), self._pump(up_reader, writer))
        except (OSError, asyncio.CancelledError):
            pass  # cut; asyncio's stream callback would log a cancelled task as an error
        finally:
            self._relays.discard(task)
            self._writers.discard(writer)
            writer.transport.abort()

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                await self._flowing.wait()
                writer.write(data)
                await writer.drain()
        except OSError:
            pass
        finally:
            self._writers.discard(writer)
            writer.transport.abort()
