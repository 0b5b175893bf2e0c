"""`python -m bot`: load the settings once, set up logging, run the bot (polling or webhook)."""

import asyncio
import sqlite3
import sys

from pydantic import ValidationError
from telegram.error import InvalidToken, NetworkError

from bot.app import ALLOWED_UPDATES, build_application, serve_webhook
from bot.config import Settings, describe_error
from bot.logs import setup_logging
from storage import SchemaTooNewError


def main() -> int:
    """Run until stopped; 2 for a configuration error, 1 when Telegram or the database fail."""
    try:
        settings = Settings()  # type: ignore[call-arg]  # filled from the environment
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    setup_logging(
        settings.log_level,
        [settings.telegram_bot_token.get_secret_value(), settings.shortapi_key.get_secret_value()],
    )
    app = build_application(settings)
    try:
        if settings.telegram_webhook:
            asyncio.run(serve_webhook(app))
        else:
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        print("configuration error: TELEGRAM_BOT_TOKEN was refused by Telegram", file=sys.stderr)
        return 2
    except NetworkError as exc:
        print(f"cannot reach the Bot API at {settings.telegram_api_url}: {exc}", file=sys.stderr)
        return 1
    except (SchemaTooNewError, sqlite3.Error, OSError) as exc:
        print(f"database error ({settings.database_path}): {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
