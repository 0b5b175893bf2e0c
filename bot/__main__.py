"""`python -m bot [run | check | copy-data [POSTGRESQL_URL]]`: load the settings once, set up
logging, run the bot (polling or webhook); or try the settings; or move the data.

`check` tries the settings against Telegram, ShortAPI and the database; `copy-data` moves the
SQLite file's data to PostgreSQL. `--help` and `--version` print and exit 0.
"""

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from pydantic import ValidationError
from telegram.error import InvalidToken, TelegramError

from bot.app import build_application, serve_polling, serve_webhook
from bot.check import print_findings, run_checks
from bot.config import (
    ConfigurationError,
    Settings,
    describe_error,
    misnamed_settings,
)
from bot.ops import version
from bot.ops.logs import quiet_ptb_startup, redact, setup_logging
from bot.ops.metrics import ListenError
from storage import open_errors

# PTB's InvalidToken carries the Bot API's description of the 401 or 404, not its status.
_STATUS_OF = {"Unauthorized": "401 Unauthorized", "Not Found": "404 Not Found"}
_SETTINGS = (
    "Settings come from the environment and from a .env file in the current directory; "
    "deploy/.env.example lists every one. Exit codes: 0 done, 1 Telegram, ShortAPI or the "
    "database failed, 2 a configuration error."
)
log = logging.getLogger("bot")


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        usage="%(prog)s [-h] [--version] [run | check | copy-data [POSTGRESQL_URL]]",
        description="A Telegram bot that turns a photo and a caption into a Veo 3.1 video.",
        epilog=_SETTINGS,
    )
    parser.add_argument("--version", action="version", version=version.describe())
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    commands.add_parser(
        "run",
        prog=f"{prog} run",
        help="run the bot until SIGTERM or SIGINT (the default when no command is given)",
        description="Run the bot: long polling, or Telegram's webhook with TELEGRAM_WEBHOOK=true,"
        " until SIGTERM or SIGINT. The same as giving no command.",
        epilog=_SETTINGS,
    )
    commands.add_parser(
        "check",
        prog=f"{prog} check",
        help="try the settings against Telegram, ShortAPI and the database, one line each",
        description="Try the settings before going live, one line per check: the token at"
        " Telegram, the key at ShortAPI (a query that costs nothing), the database (a missing"
        " SQLite file is not created), who may use the bot and what it may spend, and settings"
        " that look mistyped. Sends no message and creates no job. Exit 0 when every check"
        " passes, 1 when one fails, 2 for a configuration error.",
        epilog=_SETTINGS,
    )
    # Listed here; `copy-data` parses its own arguments (bot/copydata.py, its --help too).
    commands.add_parser(
        "copy-data",
        help="copy the SQLite file's data into an empty PostgreSQL database"
        " (copy-data --help says more)",
        add_help=False,
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run until stopped; 2 for a configuration error, 1 when Telegram or the database fail."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["copy-data"]:
        from bot import copydata  # its imports only for this command

        return copydata.main(args[1:])
    # The console script is itself a command; `python -m bot` runs this file.
    name = Path(sys.argv[0]).name
    prog = "python -m bot" if name in ("__main__.py", "") else name
    command = _parser(prog).parse_args(args).command  # --help, --version, errors: SystemExit
    try:
        settings = Settings()  # type: ignore[call-arg]  # filled from the environment
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    secrets = settings.secrets()
    env_file = settings.model_config.get("env_file")
    mistyped = misnamed_settings(os.environ, Path(env_file) if isinstance(env_file, str) else None)
    if command == "check":
        # Only warnings: the check's own lines are the report, the bot's debug log is not.
        setup_logging(max(settings.log_level, "WARNING", key=logging.getLevelName), secrets)
        return print_findings(asyncio.run(run_checks(settings, mistyped)))
    setup_logging(settings.log_level, secrets)
    for warning in mistyped:
        log.warning("%s", warning)
    quiet_ptb_startup()
    return _run(settings, secrets)


def _run(settings: Settings, secrets: list[str]) -> int:
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
    except ConfigurationError as exc:  # a webhook Telegram refuses
        print(f"configuration error: {redact(str(exc), secrets)}", file=sys.stderr)
        return 2
    except ListenError as exc:
        # Not a configuration error: a port still held for a moment by the process before
        # this one frees itself, so exit 1 lets systemd and compose try again.
        print(f"cannot start: {redact(str(exc), secrets)}", file=sys.stderr)
        return 1
    except TelegramError as exc:
        # A network error, a timeout, a 5xx: PTB's own traceback of it was kept out of the log.
        reason = redact(str(exc), secrets)
        print(
            f"cannot reach the Bot API at {settings.telegram_api_url}: {reason}", file=sys.stderr
        )
        return 1
    except open_errors() as exc:
        reason = redact(str(exc), secrets)
        print(f"database error ({settings.database_where}): {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
