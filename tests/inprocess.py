"""The application in this process, as bot/app.py wires it, against the fake servers: for tests
that hand it updates themselves (fetched with getUpdates, so PTB parses what it would)."""

from pathlib import Path

from telegram.ext import Application

from bot.config import Settings
from tests.process import API_KEY, BOT_TOKEN


def fake_settings(tmp_path: Path, telegram, shortapi, **values) -> Settings:
    """Settings for the fake Telegram and ShortAPI, a SQLite file in tmp_path, and `values`."""
    return Settings(
        _env_file=None,
        telegram_bot_token=BOT_TOKEN,
        shortapi_key=API_KEY,
        telegram_api_url=telegram.base_url,
        shortapi_base_url=shortapi.base_url,
        database_path=tmp_path / "bot.sqlite3",
        **values,
    )


async def start(app: Application) -> None:
    """Open what the app needs, as run_polling does, less the updater: the test fetches
    updates itself."""
    await app.initialize()
    await app.post_init(app)
    await app.start()


async def stop(app: Application) -> None:
    """Stop the app and close what it opened."""
    await app.stop()
    await app.post_stop(app)
    await app.shutdown()
    await app.post_shutdown(app)
