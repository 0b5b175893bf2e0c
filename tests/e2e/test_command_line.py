"""The operator's first minutes on the command line: `--help`, `--version`, a wrong command,
settings that look mistyped, who may use the bot, and a webhook Telegram refuses, each from
the real `python -m bot` process."""

from importlib import metadata
from pathlib import Path

import pytest

from tests.fakes import FakeTelegram
from tests.fakes._tg_webhook import HTTPS_ONLY, WEBHOOK_PORT_REFUSED
from tests.process import API_KEY, BOT_TOKEN, BotProcess, bot_environ
from tests.process import run_to_end as run

VERSION = f"veo-photo-bot {metadata.version('veo-photo-bot')}"
TYPO = "ALLOWED_USER_ID is not a setting of this bot; did you mean ALLOWED_USER_IDS?"
# What is said of a SQLite file (its path, whether it was made): on SQLite whatever
# TEST_BOT_STORE says.
SQLITE_ONLY = pytest.mark.parametrize("bot_store", ["sqlite"], indirect=True)
FRESH_ACCESS = (
    "access: everyone may use the bot (ALLOWED_USER_IDS is empty); spending per UTC day:"
    " $10.00 per user (USER_DAILY_BUDGET), $20.00 in all (DAILY_BUDGET)"
)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--help"], ["usage: python -m bot", "run ", "check ", "copy-data", "(the default"]),
        (["-h"], ["usage: python -m bot", "run ", "check ", "copy-data"]),
        (["run", "--help"], ["usage: python -m bot run", "until SIGTERM or SIGINT"]),
        (["check", "--help"], ["usage: python -m bot check", "Telegram, ShortAPI", "Exit 0"]),
        (
            ["copy-data", "--help"],
            ["usage: python -m bot copy-data [postgresql://", "none of the bot's data"],
        ),
    ],
)
async def test_help_needs_no_settings_and_says_what_each_command_does(tmp_path, args, says):
    code, out, err = await run(bot_environ(), tmp_path, *args)
    assert (code, err) == (0, ""), err
    for words in says:
        assert words in out, out


async def test_version_is_the_installed_distributions(tmp_path):
    assert await run(bot_environ(), tmp_path, "--version") == (0, f"{VERSION}\n", "")


@pytest.mark.parametrize("args", [["--frob"], ["chekc"], ["check", "now"], ["run", "-x"]])
async def test_a_wrong_command_line_exits_2_with_the_usage_on_stderr(tmp_path, args):
    code, out, err = await run(bot_environ(), tmp_path, *args)
    assert (code, out) == (2, "")
    assert err.startswith("usage: python -m bot"), err
    assert "error:" in err.splitlines()[-1] and "Traceback" not in err


async def test_check_names_a_mistyped_setting_and_who_may_use_the_bot(bot_env, tmp_path):
    bot_env["ALLOWED_USER_ID"] = "1001"  # meant: ALLOWED_USER_IDS
    del bot_env["DAILY_BUDGET"]  # a fresh bot's default
    code, out, err = await run(bot_env, tmp_path, "check")
    lines = out.splitlines()
    assert (code, err) == (0, ""), out + err
    assert lines[:2] == [f"version: {VERSION}", f"warning: {TYPO}"]
    assert lines[-1] == FRESH_ACCESS


@SQLITE_ONLY
async def test_the_start_log_says_the_version_who_may_use_the_bot_and_the_mistyped_setting(
    bot_env, bot_process: BotProcess
):
    bot_env["ALLOWED_USER_ID"] = "1001"
    del bot_env["DAILY_BUDGET"]
    await bot_process.start()
    log = bot_process.log()
    assert f" WARNING bot: {TYPO}\n" in log
    assert f" INFO bot.app: {FRESH_ACCESS}\n" in log
    assert f"{VERSION}: bot @veo_test_bot started on sqlite " in log


async def test_open_to_everyone_without_a_cap_in_all_is_a_warning(bot_env, bot_process):
    bot_env.update(DAILY_BUDGET="0", USER_DAILY_BUDGET="2.5")
    await bot_process.start()
    assert (
        " WARNING bot.app: access: everyone may use the bot (ALLOWED_USER_IDS is empty); spending"
        " per UTC day: $2.50 per user (USER_DAILY_BUDGET), no cap in all (DAILY_BUDGET=0)\n"
    ) in bot_process.log()


async def test_no_warning_for_the_settings_themselves_or_ordinary_variables(bot_env, bot_process):
    bot_env.update(ALLOWED_USER_IDS="1001", LANG="C.UTF-8", TELEGRAM_API_ID="1")
    await bot_process.start()
    log = bot_process.log()
    assert "is not a setting" not in log
    assert " INFO bot.app: access: 1 allowed user may use the bot (ALLOWED_USER_IDS);" in log


@pytest.mark.parametrize(
    ("scheme", "reason"),
    [
        ("http", HTTPS_ONLY),
        ("https", WEBHOOK_PORT_REFUSED),
    ],
)
async def test_a_webhook_telegram_refuses_is_a_configuration_error_with_its_reason(
    bot_env, public, tmp_path, telegram: FakeTelegram, scheme, reason
):
    telegram.webhook_over_http = False  # as api.telegram.org
    url = public.replace("http://", f"{scheme}://")
    bot_env.update(TELEGRAM_WEBHOOK="true", PUBLIC_BASE_URL=url, LOG_LEVEL="INFO")
    code, out, err = await run(bot_env, tmp_path)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        f"configuration error: Telegram refused the webhook {url}/telegram/webhook"
        # Telegram's description as python-telegram-bot gives it: capitalised.
        f" (PUBLIC_BASE_URL with TELEGRAM_WEBHOOK=true): {reason.capitalize()}"
    )
    assert "Traceback" not in err and "cannot reach" not in err
    assert telegram.webhook is None


async def test_a_key_too_short_to_be_real_is_refused_and_no_word_is_mangled(bot_env, tmp_path):
    """The issue's SHORTAPI_KEY=k: refused in one line, not redacted out of "known"."""
    bot_env["SHORTAPI_KEY"] = "k"
    code, out, err = await run(bot_env, tmp_path, "check")
    assert (code, out) == (2, "")
    assert err == (
        "configuration error: SHORTAPI_KEY: is 1 characters, too short to be a ShortAPI key"
        " (they are long random strings, at least 16): copy it whole from your dashboard\n"
    )


@SQLITE_ONLY
async def test_check_creates_no_database_and_says_where_it_will_be(bot_env, tmp_path):
    path = Path(bot_env["DATABASE_PATH"])
    code, out, err = await run(bot_env, tmp_path, "check")
    assert (code, err) == (0, "")
    assert (
        f"database: sqlite {path} will be created at start (with its folder; {path.parent.parent}"
        " is writable)"
    ) in out.splitlines()
    assert not path.parent.exists()
    for secret in (BOT_TOKEN, API_KEY):
        assert secret not in out


@SQLITE_ONLY
async def test_check_fails_when_the_database_could_not_be_created(bot_env, tmp_path):
    in_the_way = tmp_path / "data"
    in_the_way.write_text("a file where the folder should go")  # even root cannot
    bot_env["DATABASE_PATH"] = str(in_the_way / "bot.sqlite3")
    code, out, err = await run(bot_env, tmp_path, "check")
    assert (code, err) == (1, "")
    assert (
        f"database: sqlite {bot_env['DATABASE_PATH']} cannot be created: {in_the_way} is a file"
    ) in out.splitlines()
