"""Settings: the example env file is complete and loads; bad combinations are refused."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import (
    Settings,
    describe_access,
    describe_error,
    misnamed_settings,
    webhook_secret,
)

EXAMPLE = Path(__file__).parents[2] / "deploy" / ".env.example"
# Shaped like @BotFather's tokens and ShortAPI's keys; built, so none sits written out here.
TOKEN = "1234567:" + "a" * 35
OTHER_TOKEN = "1234567:" + "b" * 35
KEY = "sk-" + "k" * 29


def test_the_example_env_file_lists_every_setting():
    # Some are listed commented out (DATABASE_PATH: set, it would override the image's path).
    text = EXAMPLE.read_text()
    listed = set(re.findall(r"^(?:# )?([A-Z_]+)=", text, flags=re.MULTILINE))
    # The compose files' own variables are there too, commented out; they are not the bot's.
    compose_only = {"TELEGRAM_API_ID", "TELEGRAM_API_HASH", "POSTGRES_PASSWORD"}
    assert listed - compose_only == {name.upper() for name in Settings.model_fields}


def test_the_example_env_file_loads_once_the_secrets_are_filled_in(tmp_path):
    env = tmp_path / ".env"
    text = EXAMPLE.read_text()
    text = text.replace("TELEGRAM_BOT_TOKEN=\n", f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
    env.write_text(text.replace("SHORTAPI_KEY=\n", f"SHORTAPI_KEY={KEY}\n"))
    settings = Settings(_env_file=env)
    assert settings.public_base_url is None and not settings.telegram_webhook
    assert settings.job_poll_max_interval == 1.5 * settings.job_poll_interval


def test_a_webhook_needs_a_public_url():
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, telegram_bot_token=TOKEN, shortapi_key=KEY, telegram_webhook=True)
    assert describe_error(caught.value) == (
        "configuration error: TELEGRAM_WEBHOOK=true needs PUBLIC_BASE_URL"
    )


def webhook_settings(**values):
    return Settings(
        _env_file=None, telegram_bot_token=TOKEN, shortapi_key=KEY, telegram_webhook=True, **values
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://bot.example.com", "needs an https:// PUBLIC_BASE_URL"),
        ("https://bot.example.com:8080", "on port 443, 80, 88 or 8443"),
    ],
)
def test_telegram_refuses_a_webhook_that_is_not_https_on_its_ports(url, reason):
    with pytest.raises(ValidationError) as caught:
        webhook_settings(public_base_url=url)
    line = describe_error(caught.value)
    assert line.startswith("configuration error: TELEGRAM_WEBHOOK=true needs")
    assert reason in line and "PUBLIC_BASE_URL" in line and "\n" not in line


@pytest.mark.parametrize("url", ["https://bot.example.com", "https://bot.example.com:8443/x"])
def test_an_https_webhook_on_an_allowed_port_is_accepted(url):
    assert webhook_settings(public_base_url=url).public_base_url == url


def test_a_self_hosted_bot_api_server_may_take_an_http_webhook_on_any_port():
    # telegram-bot-api --local allows http, any port and local addresses for webhooks.
    settings = webhook_settings(
        public_base_url="http://bot:8080",
        telegram_api_url="http://telegram-bot-api:8081",
        telegram_local_mode=True,
    )
    assert settings.public_base_url == "http://bot:8080"


def test_the_webhook_secret_is_derived_from_the_token_when_not_set():
    """Every replica with the same token derives the same secret; another token, another one."""
    first = Settings(_env_file=None, telegram_bot_token=TOKEN, shortapi_key=KEY)
    again = Settings(_env_file=None, telegram_bot_token=TOKEN, shortapi_key=KEY + "other")
    other = Settings(_env_file=None, telegram_bot_token=OTHER_TOKEN, shortapi_key=KEY)
    secret = webhook_secret(first)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", secret), secret
    assert webhook_secret(again) == secret
    assert webhook_secret(other) != secret
    assert TOKEN not in secret and TOKEN.split(":")[1] not in secret


def test_a_webhook_secret_set_is_used_as_it_is():
    settings = webhook_settings(
        public_base_url="https://bot.example.com", telegram_webhook_secret=" my_Secret-1 "
    )
    assert webhook_secret(settings) == "my_Secret-1"
    blank = webhook_settings(public_base_url="https://bot.example.com", telegram_webhook_secret="")
    assert webhook_secret(blank) == webhook_secret(
        webhook_settings(public_base_url=blank.public_base_url)
    )


@pytest.mark.parametrize("bad", ["has space", "semi;colon", "ümlaut", "x" * 257])
def test_a_webhook_secret_telegram_would_refuse_is_refused_without_echoing_it(bad):
    with pytest.raises(ValidationError) as caught:
        Settings(
            _env_file=None, telegram_bot_token=TOKEN, shortapi_key=KEY, telegram_webhook_secret=bad
        )
    line = describe_error(caught.value)
    assert line.startswith("configuration error: TELEGRAM_WEBHOOK_SECRET: must be 1-256 ")
    assert bad not in line


def stars_settings(**values):
    return Settings(_env_file=None, telegram_bot_token=TOKEN, shortapi_key=KEY, **values)


@pytest.mark.parametrize("rate", ["3000", "2604.17", "100000"])
def test_a_rate_that_prices_a_video_above_one_invoice_is_refused(rate):
    with pytest.raises(ValidationError) as caught:
        stars_settings(stars_per_usd=rate)
    line = describe_error(caught.value)
    assert line.startswith(f"configuration error: STARS_PER_USD: {rate} prices the dearest")
    assert "10000" in line and "at most 2604.16" in line and "\n" not in line


@pytest.mark.parametrize("rate", ["0", "100", "2604.16"])
def test_a_rate_within_one_invoice_for_every_video_is_accepted(rate):
    assert str(stars_settings(stars_per_usd=rate).stars_per_usd) == rate


@pytest.mark.parametrize("packs", ["0,100", "100,10001", ""])
def test_packs_outside_a_stars_invoice_are_refused(packs):
    with pytest.raises(ValidationError) as caught:
        stars_settings(star_packs=packs)
    assert describe_error(caught.value) == (
        "configuration error: STAR_PACKS: each pack must be 1 to 10000 Stars"
        " (a Stars invoice's bounds)"
    )
    assert stars_settings(star_packs="10000,1").star_packs == (1, 10000)


@pytest.mark.parametrize(
    ("values", "line"),
    [
        (
            {"telegram_bot_token": "123:abc"},
            "configuration error: TELEGRAM_BOT_TOKEN: is not a bot token: @BotFather's look like"
            " 123456789:AAH… (the bot's id, a colon, then 35 letters, digits, _ or -)",
        ),
        (
            {"shortapi_key": "k"},
            "configuration error: SHORTAPI_KEY: is 1 characters, too short to be a ShortAPI key"
            " (they are long random strings, at least 16): copy it whole from your dashboard",
        ),
    ],
)
def test_a_secret_too_short_to_be_real_is_refused_in_one_line_without_echoing_it(values, line):
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, **({"telegram_bot_token": TOKEN, "shortapi_key": KEY} | values))
    assert describe_error(caught.value) == line


def test_a_fresh_bot_caps_the_day_in_all_until_the_operator_lifts_it():
    assert stars_settings().daily_budget == Decimal("20.00")
    assert stars_settings(daily_budget="0").daily_budget == 0


@pytest.mark.parametrize(
    ("values", "line"),
    [
        (
            {},
            "access: everyone may use the bot (ALLOWED_USER_IDS is empty); spending per UTC day:"
            " $10.00 per user (USER_DAILY_BUDGET), $20.00 in all (DAILY_BUDGET)",
        ),
        (
            {"allowed_user_ids": "7", "user_daily_budget": "0", "daily_budget": "0"},
            "access: 1 allowed user may use the bot (ALLOWED_USER_IDS); spending per UTC day:"
            " no cap per user (USER_DAILY_BUDGET=0), no cap in all (DAILY_BUDGET=0)",
        ),
        (
            {"allowed_user_ids": "7,8,9", "daily_budget": "5.5"},
            "access: 3 allowed users may use the bot (ALLOWED_USER_IDS); spending per UTC day:"
            " $10.00 per user (USER_DAILY_BUDGET), $5.50 in all (DAILY_BUDGET)",
        ),
    ],
)
def test_who_may_use_the_bot_and_what_it_may_spend_in_one_line(values, line):
    assert describe_access(stars_settings(**values)) == line


def test_a_near_miss_of_a_settings_name_is_named_with_the_setting_meant(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DAILY_BUDGTE=5\nTELEGRAM_API_ID=1\nLOG_LEVEL=DEBUG\n")
    environ = {
        "ALLOWED_USER_ID": "123",  # the typo
        "BOT_TOKEN": "x",  # the tail of TELEGRAM_BOT_TOKEN
        "allowed_user_ids": "5",  # pydantic-settings reads names in any case: a setting
        # Ordinary variables and the compose files' own are no settings' near misses.
        **dict.fromkeys(["PATH", "HOME", "LANG", "PYTHONPATH", "HOSTNAME", "GPG_KEY", "TERM"]),
        **dict.fromkeys(["POSTGRES_PASSWORD", "TELEGRAM_API_HASH", "PYTHON_VERSION", "USER"]),
    }
    assert misnamed_settings(environ, env_file) == [
        "ALLOWED_USER_ID is not a setting of this bot; did you mean ALLOWED_USER_IDS?",
        "BOT_TOKEN is not a setting of this bot; did you mean TELEGRAM_BOT_TOKEN?",
        "DAILY_BUDGTE is not a setting of this bot; did you mean DAILY_BUDGET?",
    ]
