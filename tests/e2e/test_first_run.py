"""An operator's first run: `python -m bot check`, and a start that fails, each said in one line.

The real process runs against the fakes; a wrong token, a wrong key and an unreachable server
must each be named in one line with no traceback and no secret in it.
"""

import re
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from storage import Database
from storage.migrations import MIGRATIONS
from tests.fakes import FakeTelegram
from tests.process import API_KEY, BOT_TOKEN, BotProcess, free_port
from tests.process import run_to_end as run

# Nothing listens on the discard port: connections are refused at once.
CLOSED = "http://127.0.0.1:9"
WRONG_TOKEN = "7654321:AAE-wrong-token-for-tests-only-987654321"
WRONG_KEY = "sk-shortapi-wrong-key-9876543210fedcba"
ROOT = Path(__file__).resolve().parents[2]


def assert_clean(*outputs: str) -> None:
    """No traceback, and neither secret (the right ones nor the wrong ones) in any output."""
    for text in outputs:
        assert "Traceback" not in text
        for secret in (BOT_TOKEN, API_KEY, WRONG_TOKEN, WRONG_KEY):
            assert secret not in text


VERSION = f"version: veo-photo-bot {metadata.version('veo-photo-bot')}"
# bot_environ sets DAILY_BUDGET high, for the tests that make many videos.
ACCESS = (
    "access: everyone may use the bot (ALLOWED_USER_IDS is empty); spending per UTC day:"
    " $10.00 per user (USER_DAILY_BUDGET), $1000.00 in all (DAILY_BUDGET)"
)


def db_line(env: dict[str, str]) -> str:
    """What check says of the test's database path, where no file is yet: check creates none."""
    path = Path(env["DATABASE_PATH"])
    return (
        f"database: sqlite {path} will be created at start (with its folder;"
        f" {path.parent.parent} is writable)"
    )


async def test_check_names_postgresql_without_its_password(
    pg_bot_env: dict[str, str], tmp_path: Path
) -> None:
    """DATABASE_URL: check opens and migrates PostgreSQL, and never prints the password."""
    code, out, err = await run(pg_bot_env, tmp_path, "check")
    assert_clean(out, err)
    assert code == 0, out + err
    url = urlsplit(pg_bot_env["DATABASE_URL"])
    shown = url._replace(netloc=f"{url.username}:***@{url.hostname}:{url.port}").geturl()
    assert out.splitlines()[3] == f"database: ok, postgresql {shown} (schema {len(MIGRATIONS)})"
    assert url.password not in out + err


async def test_a_postgresql_server_that_is_gone_is_one_line_without_the_password(
    pg_bot_env: dict[str, str], tmp_path: Path
) -> None:
    url = urlsplit(pg_bot_env["DATABASE_URL"])
    pg_bot_env["DATABASE_URL"] = url._replace(
        netloc=f"{url.username}:{url.password}@127.0.0.1:{free_port()}"
    ).geturl()
    code, out, err = await run(pg_bot_env, tmp_path)
    assert code == 1, out + err
    assert "Traceback" not in out + err
    last = err.splitlines()[-1]
    assert last.startswith("database error (postgresql://veo_test:***@127.0.0.1:"), last
    assert url.password not in out + err


async def test_check_all_ok(bot_env: dict[str, str], tmp_path: Path) -> None:
    """Everything reachable and accepted: one line per check, exit 0."""
    code, out, err = await run(bot_env, tmp_path, "check")
    assert_clean(out, err)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        VERSION,
        "telegram: ok, @veo_test_bot (webhook: none)",
        "shortapi: ok, key accepted",
        db_line(bot_env),
        ACCESS,
    ]
    assert not Path(bot_env["DATABASE_PATH"]).exists(), "a check changes nothing"


@pytest.mark.parametrize("bot_store", ["sqlite"], indirect=True)  # a SQLite file
async def test_check_opens_an_existing_sqlite_database(bot_env: dict[str, str], tmp_path: Path):
    path = Path(bot_env["DATABASE_PATH"])
    await (await Database.open(path)).close()
    code, out, err = await run(bot_env, tmp_path, "check")
    assert (code, err) == (0, "")
    assert f"database: ok, sqlite {path} (schema {len(MIGRATIONS)})" in out.splitlines()


async def test_console_script_check(bot_env: dict[str, str], tmp_path: Path) -> None:
    """`veo-photo-bot check`, the console script the install puts next to python, checks too."""
    script = Path(sys.executable).parent / "veo-photo-bot"
    if not script.exists():
        pytest.skip("the package is not installed with its console script next to python")
    code, out, err = await run(bot_env, tmp_path, "check", command=(str(script),))
    assert_clean(out, err)
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [VERSION, "telegram: ok, @veo_test_bot (webhook: none)"]
    assert len(out.splitlines()) == 5


async def test_check_reports_webhook_and_public_url(
    bot_env: dict[str, str], tmp_path: Path, telegram: FakeTelegram
) -> None:
    """A webhook set at Telegram is shown, and PUBLIC_BASE_URL gets a line of its own."""
    hook = "https://bot.example.com/telegram/webhook"
    async with httpx.AsyncClient() as http:
        resp = await http.post(
            f"{telegram.base_url}/bot{BOT_TOKEN}/setWebhook", json={"url": hook}
        )
        assert resp.json()["ok"] is True
    bot_env["PUBLIC_BASE_URL"] = "https://bot.example.com/"
    code, out, err = await run(bot_env, tmp_path, "check")
    assert_clean(out, err)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        VERSION,
        f"telegram: ok, @veo_test_bot (webhook: {hook})",
        "shortapi: ok, key accepted",
        db_line(bot_env),
        "public url: https://bot.example.com (polling; hosted photos and callbacks)",
        f"big videos: kept in {Path(bot_env['DATABASE_PATH']).parent / 'videos'} for 30 days",
        ACCESS,
    ]


async def test_wrong_token(bot_env: dict[str, str], tmp_path: Path) -> None:
    """Telegram answers 401: check says the token was refused; the bot exits 2 in one line."""
    bot_env["TELEGRAM_BOT_TOKEN"] = WRONG_TOKEN
    code, out, err = await run(bot_env, tmp_path, "check")
    assert_clean(out, err)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        VERSION,
        "telegram: token refused (401 Unauthorized)",
        "shortapi: ok, key accepted",
        db_line(bot_env),
        ACCESS,
    ]

    bot_env["LOG_LEVEL"] = "INFO"  # the operator's default
    code, out, err = await run(bot_env, tmp_path)
    assert_clean(out, err)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "configuration error: TELEGRAM_BOT_TOKEN was refused by Telegram (401 Unauthorized)"
    ]


async def test_wrong_key(bot_env: dict[str, str], tmp_path: Path) -> None:
    """ShortAPI answers HTTP 401 to the free query: check says the key was refused."""
    bot_env["SHORTAPI_KEY"] = WRONG_KEY
    code, out, err = await run(bot_env, tmp_path, "check")
    assert_clean(out, err)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        VERSION,
        "telegram: ok, @veo_test_bot (webhook: none)",
        "shortapi: key refused (401)",
        db_line(bot_env),
        ACCESS,
    ]


async def test_unreachable_telegram(bot_env: dict[str, str], tmp_path: Path) -> None:
    """Nothing at TELEGRAM_API_URL: one line naming it, from check and from the bot (exit 1)."""
    bot_env["TELEGRAM_API_URL"] = CLOSED
    code, out, err = await run(bot_env, tmp_path, "check")
    assert_clean(out, err)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert re.fullmatch(rf"telegram: cannot reach {CLOSED}: \S.*", lines[1]), lines
    assert lines[2:] == ["shortapi: ok, key accepted", db_line(bot_env), ACCESS]

    bot_env["LOG_LEVEL"] = "INFO"
    code, out, err = await run(bot_env, tmp_path)
    assert_clean(out, err)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert re.fullmatch(rf"cannot reach the Bot API at {CLOSED}: \S.*", lines[0]), lines


async def test_unreachable_shortapi(bot_env: dict[str, str], tmp_path: Path) -> None:
    """Nothing at SHORTAPI_BASE_URL: check names it in one line and exits 1."""
    bot_env["SHORTAPI_BASE_URL"] = CLOSED
    code, out, err = await run(bot_env, tmp_path, "check")
    assert_clean(out, err)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[:2] == [VERSION, "telegram: ok, @veo_test_bot (webhook: none)"]
    assert re.fullmatch(rf"shortapi: cannot reach {CLOSED}: \S.*", lines[2]), lines
    assert lines[3:] == [db_line(bot_env), ACCESS]


@pytest.mark.parametrize("key", [None, ""])  # unset, or left empty as .env.example has it
async def test_check_configuration_error(
    bot_env: dict[str, str], tmp_path: Path, key: str | None
) -> None:
    """A missing setting: the usual one line and exit 2, before anything is tried."""
    del bot_env["SHORTAPI_KEY"]
    if key is not None:
        bot_env["SHORTAPI_KEY"] = key
    code, out, err = await run(bot_env, tmp_path, "check")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "configuration error: SHORTAPI_KEY is required but not set (or set SHORTAPI_SANDBOX=true"
        " to try the bot without ShortAPI)"
    ]
    assert not Path(bot_env["DATABASE_PATH"]).exists()


async def test_polling_outage_logged_in_one_line(
    bot_process: BotProcess, telegram: FakeTelegram
) -> None:
    """Telegram failing getUpdates while the bot runs: one warning line, no traceback each."""
    await bot_process.start()
    before = len(telegram.calls_of("getUpdates"))
    telegram.fail_next("getUpdates", error_code=502, description="Bad Gateway", times=3)
    # Three refused polls, then one that gets through (recorded as it arrives): it is over.
    await telegram.wait_for(lambda: len(telegram.calls_of("getUpdates")) >= before + 4, timeout=30)
    log = bot_process.log()
    assert "Traceback" not in log
    lines = [line for line in log.splitlines() if "getting updates from Telegram failed" in line]
    assert len(lines) == 1, log[-3000:]
    assert "Bad Gateway" in lines[0]


def test_readme_commands_are_what_ci_runs() -> None:
    """The README's test command is the one .ci/run runs, and neither needs a system pip."""
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()

    def command(section: str) -> str:
        body = readme.split(f"## {section}\n", 1)[1]
        return body.split("```bash\n", 1)[1].split("\n```", 1)[0].strip()

    install, test_it = command("Run it"), command("Test it")
    assert test_it in ci.splitlines()
    for line in (install, test_it):
        assert line.startswith("python3 -m venv .venv && .venv/bin/pip install"), line
        assert "\n" not in line
    # Installed once; then run on its own line, with the secrets in .env, not in the command
    # (the shell's history) and without the package index.
    after = readme.split("## Run it\n", 1)[1].split("```bash\n", 2)[2].split("\n```", 1)[0]
    assert after.strip() == ".venv/bin/python -m bot"
    assert "pip" not in after and "TOKEN" not in after
