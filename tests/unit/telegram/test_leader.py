"""The polling leader (bot/telegram/leader.py) against a real PostgreSQL server: exactly one
replica leads, and when its session ends another takes over while the first knows it lost."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from bot.telegram.leader import LOCK_KEY, WAITING, LockLeader, SoleLeader
from tests.postgres_helpers import lock_holders

# Short periods so that a takeover is quick; the waits below allow many of them.
PERIOD = 0.2
WAIT = 15.0


async def eventually(condition: Callable[[], object], what: str) -> None:
    """Wait (bounded) until `condition()` is true."""
    for _ in range(int(WAIT / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def repeated(
    url: str, statement: str, times: int, pid: int | None = None, not_pid: int | None = None
) -> None:
    """Wait until a backend (`pid`, or any but `not_pid` and the caller's) has run `statement`
    `times` times, as the server saw it: a replica's periodic checks or tries go on."""
    seen: set[object] = set()
    conn = await asyncpg.connect(url)
    try:
        for _ in range(int(WAIT / 0.02)):
            rows = await conn.fetch(
                "SELECT pid, state_change FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND state = 'idle' AND position($1 in query) > 0",
                statement,
            )
            seen |= {
                (r["pid"], r["state_change"])
                for r in rows
                if pid in (None, r["pid"]) and r["pid"] != not_pid
            }
            if len(seen) >= times:
                return
            await asyncio.sleep(0.02)
    finally:
        await conn.close()
    raise AssertionError(f"{statement!r} was not run {times} times")


async def terminate(url: str, pid: int) -> None:
    """End one backend from outside, as an operator or a crash of its client would."""
    conn = await asyncpg.connect(url)
    try:
        assert await conn.fetchval("SELECT pg_terminate_backend($1)", pid)
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def replicas(url: str, count: int) -> AsyncIterator[list[LockLeader]]:
    """`count` leaderships on one database, released at the end."""
    group = [LockLeader(url, try_every=PERIOD, check_every=PERIOD) for _ in range(count)]
    try:
        yield group
    finally:
        for one in group:
            await one.release()


async def race(group: list[LockLeader]) -> tuple[LockLeader, list[asyncio.Task[None]]]:
    """Let all try at once: the one that leads, and the still waiting tries of the others."""
    tries = [asyncio.create_task(one.acquire()) for one in group]
    done, _ = await asyncio.wait(tries, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED)
    assert len(done) == 1, "exactly one becomes the leader"
    (won,) = done
    return group[tries.index(won)], [t for t in tries if t is not won]


async def test_exactly_one_of_two_leads_and_the_other_takes_over_at_release(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.telegram.leader")
    async with replicas(pg_url, 2) as group:
        leader, waiting = await race(group)
        other = group[1 - group.index(leader)]
        await eventually(lambda: WAITING in caplog.text, "the other to wait")
        (pid,) = await lock_holders(pg_url, LOCK_KEY)
        # Several checks of the leader and tries of the other later, nothing has changed.
        await repeated(pg_url, "FROM pg_locks", 3, pid=pid)
        await repeated(pg_url, "pg_try_advisory_lock", 3, not_pid=pid)
        assert (leader.leader, other.leader) == (True, False)
        assert await lock_holders(pg_url, LOCK_KEY) == [pid]

        await leader.release()
        await asyncio.wait_for(waiting[0], WAIT)
        assert (leader.leader, other.leader) == (False, True)
        assert len(await lock_holders(pg_url, LOCK_KEY)) == 1
        assert caplog.text.count(WAITING) == 1, "waiting is said once, not at every try"


async def test_a_leader_whose_session_ends_stops_and_another_takes_over(pg_url: str) -> None:
    """pg_terminate_backend (or the leader's process dying): the server frees the lock, the
    old leader hears its connection close and says it lost, a waiting replica takes over."""
    async with replicas(pg_url, 3) as group:
        leader, waiting = await race(group)
        (pid,) = await lock_holders(pg_url, LOCK_KEY)
        await terminate(pg_url, pid)
        await asyncio.wait_for(leader.lost(), WAIT)
        assert not leader.leader
        done, _ = await asyncio.wait(waiting, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED)
        assert len(done) == 1, "exactly one of the others takes over"
        assert sum(one.leader for one in group) == 1
        (new_pid,) = await lock_holders(pg_url, LOCK_KEY)
        assert new_pid != pid

        # The old leader may lead again later, once it is its turn.
        again = asyncio.create_task(leader.acquire())
        new_leader = next(one for one in group if one.leader)
        # Who may take over, named before the release: the one still waiting can take the
        # lock while release() is awaited, and a list made after it would leave it out.
        candidates = [again, *[t for t in waiting if not t.done()]]
        await new_leader.release()
        done, _ = await asyncio.wait(
            candidates,
            timeout=WAIT,
            return_when=asyncio.FIRST_COMPLETED,
        )
        assert len(done) == 1 and sum(one.leader for one in group) == 1
        for task in [again, *waiting]:
            task.cancel()


class Proxy:
    """A TCP relay to the server that can stop relaying (a network that went silent) while
    keeping both connections open, then cut them."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._server: asyncio.Server | None = None
        self._pipes: list[asyncio.Task[None]] = []
        self._writers: list[asyncio.StreamWriter] = []
        self.silent = asyncio.Event()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return self._server.sockets[0].getsockname()[1]

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self._target)
        self._writers += [writer, up_writer]
        self._pipes += [
            asyncio.create_task(self._pipe(reader, up_writer)),
            asyncio.create_task(self._pipe(up_reader, writer)),
        ]

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(65536):
            if self.silent.is_set():
                continue  # swallowed: neither side hears anything, neither sees a close
            writer.write(data)
            await writer.drain()

    def cut(self) -> None:
        """Close every relayed connection."""
        for writer in self._writers:
            writer.transport.abort()
        for pipe in self._pipes:
            pipe.cancel()

    async def stop(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


def via(url: str, port: int) -> str:
    """The same URL through 127.0.0.1:`port`."""
    parts = urlsplit(url)
    netloc = f"{parts.netloc.rsplit('@', 1)[0]}@127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=netloc))


async def test_a_leader_whose_network_goes_silent_stops_before_anyone_else_leads(
    pg_url: str,
) -> None:
    """No close to hear: the leader's own checks time out and it stops; the server still
    holds the lock for the silent session, so nobody else leads until that session ends."""
    parts = urlsplit(pg_url)
    proxy = Proxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    port = await proxy.start()
    try:
        silent = LockLeader(via(pg_url, port), try_every=PERIOD, check_every=PERIOD)
        await silent.acquire()
        async with replicas(pg_url, 1) as (other,):
            waiting = asyncio.create_task(other.acquire())
            proxy.silent.set()
            await asyncio.wait_for(silent.lost(), WAIT)
            assert not silent.leader
            # The lock is still held by the session the server sees as alive: safe.
            assert len(await lock_holders(pg_url, LOCK_KEY)) == 1 and not waiting.done()
            proxy.cut()  # now the server sees the session end and frees the lock
            await asyncio.wait_for(waiting, WAIT)
            assert other.leader
        await silent.release()
    finally:
        await proxy.stop()


async def test_the_sole_process_always_leads() -> None:
    sole = SoleLeader()
    await sole.acquire()
    assert sole.leader
    lost = asyncio.create_task(sole.lost())
    await sole.release()
    await asyncio.sleep(0)
    assert not lost.done()
    lost.cancel()
