"""This replica's claims on jobs: its name, fresh leases, and their renewal while held."""

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable, Collection

from storage import Database, DatabaseUnavailable, Lease

log = logging.getLogger(__name__)


def replica_id() -> str:
    """This process's name in the jobs' leases: host, pid and a random part (a pid is reused)."""
    return f"{socket.gethostname()}/{os.getpid()}/{secrets.token_hex(3)}"


class Leases:
    """Leases of `seconds`, held by this replica, on the jobs `held()` names while it works."""

    def __init__(self, db: Database, seconds: float, held: Callable[[], Collection[int]]) -> None:
        self._db = db
        self._seconds = seconds
        self._held = held
        self.owner = replica_id()

    def lease(self) -> Lease:
        """A claim by this replica, from now for the lease's length."""
        return Lease(self.owner, time.time() + self._seconds)

    async def keep(self) -> None:
        """Renew the held leases a third of the way into each, until cancelled.

        On a task of its own: however busy the poll loop is (a batch of steps to start,
        abandoned jobs to take), the leases of the steps in hand are extended on time.
        """
        while True:
            await asyncio.sleep(self._seconds / 3)
            with contextlib.suppress(DatabaseUnavailable):  # logged once by the database
                await self.renew()

    async def renew(self) -> None:
        """Extend the lease on every job with a step in hand."""
        held = set(self._held())
        renewed = await self._db.jobs.renew(self.lease(), held)
        if renewed < len(held):
            # A step ended between the two reads, or the lease ran out while the database
            # was away and another replica took the job: its transitions stay conditional.
            log.debug("renewed %d of %d leases", renewed, len(held))
