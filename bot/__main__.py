"""`python -m bot`: load the settings once, set up logging, run the bot (polling or webhook).

`python -m bot check` instead tries the settings against Telegram, ShortAPI and the database;
`python -m bot copy-data [postgresql://...]` moves the SQLite file's data to PostgreSQL.
"""

import asyncio
import logging
import sys

from pydantic import ValidationError
from telegram.error import InvalidToken, TelegramError

from bot.app import build_application, serve_polling, serve_webhook
from bot.check import print_findings, run_checks
from bot.config import Settings, describe_error
from bot.ops.logs import quiet_ptb_startup, redact, setup_logging
from bot.ops.metrics import ListenError
from storage import open_errors

USAGE = "usage: python -m bot [check | copy-data [POSTGRESQL_URL]]"
# PTB's InvalidToken carries the Bot API's description of the 401 or 404, not its status.
_STATUS_OF = {"Unauthorized": "401 Unauthorized", "Not Found": "404 Not Found"}


def main(argv: list[str] | None = None) -> int:
    """Run until stopped; 2 for a configuration error, 1 when Telegram or the database fail."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["copy-data"]:
        from bot import copydata  # its imports only for this command

        return copydata.main(args[1:])
    if args not in ([], ["check"]):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        settings = Settings()  # type: ignore[call-arg]  # filled from the environment
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    secrets = settings.secrets()
    if args == ["check"]:
        # Only warnings: the check's own lines are the report, the bot's debug log is not.
        setup_logging(max(settings.log_level, "WARNING", key=logging.getLevelName), secrets)
        return print_findings(asyncio.run(run_checks(settings)))
    setup_logging(settings.log_level, secrets)
    quiet_ptb_startup()
    app = build_application(settings)
    try:
        asyncio.run(serve_webhook(app) if settings.telegram_webhook else serve_polling(app))
    except InvalidToken as exc:
        # Bot.initialize re-raises the 401/404 as "the token <token> was rejected": the
        # server's own word is in the cause.
        said = exc.__cause__ if isinstance(exc.__cause__, InvalidToken) else exc
        reason = _STATUS_OF.get(said.message, redact(said.message, secrets))
        print(
            f"configuration error: TELEGRAM_BOT_TOKEN was refused by Telegram ({reason})",
            file=sys.stderr,
        )
        return 2
    except TelegramError as exc:
        # A network error, a timeout, a 5xx: PTB's own traceback of it was kept out of the log.
        reason = redact(str(exc), secrets)
        print(
            f"cannot reach the Bot API at {settings.telegram_api_url}: {reason}", file=sys.stderr
        )
        return 1
    except ListenError as exc:  # WEB_PORT or METRICS_PORT taken
        print(f"configuration error: {exc}", file=sys.stderr)
        return 1
    except open_errors() as exc:
        reason = redact(str(exc), secrets)
        print(f"database error ({settings.database_where}): {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
