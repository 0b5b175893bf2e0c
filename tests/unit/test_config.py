"""Settings: the example env file is complete and loads; bad combinations are refused."""

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings, describe_error, webhook_secret

EXAMPLE = Path(__file__).parents[2] / "deploy" / ".env.example"


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
    text = text.replace("TELEGRAM_BOT_TOKEN=\n", "TELEGRAM_BOT_TOKEN=123:abc\n")
    env.write_text(text.replace("SHORTAPI_KEY=\n", "SHORTAPI_KEY=sk-x\n"))
    settings = Settings(_env_file=env)
    assert settings.public_base_url is None and not settings.telegram_webhook
    assert settings.job_poll_max_interval == 1.5 * settings.job_poll_interval


def test_a_webhook_needs_a_public_url():
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, telegram_bot_token="1:a", shortapi_key="k", telegram_webhook=True)
    assert describe_error(caught.value) == (
        "configuration error: TELEGRAM_WEBHOOK=true needs PUBLIC_BASE_URL"
    )


def webhook_settings(**values):
    return Settings(
        _env_file=None, telegram_bot_token="1:a", shortapi_key="k", telegram_webhook=True, **values
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
    first = Settings(_env_file=None, telegram_bot_token="1:a", shortapi_key="k")
    again = Settings(_env_file=None, telegram_bot_token="1:a", shortapi_key="other")
    other = Settings(_env_file=None, telegram_bot_token="1:b", shortapi_key="k")
    secret = webhook_secret(first)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", secret), secret
    assert webhook_secret(again) == secret
    assert webhook_secret(other) != secret
    assert "1:a" not in secret


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
            _env_file=None, telegram_bot_token="1:a", shortapi_key="k", telegram_webhook_secret=bad
        )
    line = describe_error(caught.value)
    assert line.startswith("configuration error: TELEGRAM_WEBHOOK_SECRET: must be 1-256 ")
    assert bad not in line


def stars_settings(**values):
    return Settings(_env_file=None, telegram_bot_token="1:a", shortapi_key="k", **values)


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
