"""A bound on the bytes of users' photos held in memory at once."""

import asyncio
import contextlib
from collections.abc import AsyncIterator


class ByteBudget:
    """Bounds the bytes of photos in memory at once (fetched and being sent to the API)."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._used = 0
        self._freed = asyncio.Event()

    @contextlib.asynccontextmanager
    async def hold(self, size: int | None) -> AsyncIterator[None]:
        """Wait until `size` bytes (the whole budget when unknown) fit, and hold them."""
        need = min(size or self._capacity, self._capacity)
        while self._used + need > self._capacity:
            self._freed.clear()
            await self._freed.wait()
        self._used += need
        try:
            yield
        finally:
            self._used -= need
            self._freed.set()
