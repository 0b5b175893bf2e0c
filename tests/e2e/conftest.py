"""Fixtures shared by the end-to-end tests."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.replicas import Replicas
from tests.fakes import FakeTelegram


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
