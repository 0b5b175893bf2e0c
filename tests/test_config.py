"""Settings: the example env file is complete and loads; bad combinations are refused."""

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings, describe_error

EXAMPLE = Path(__file__).parent.parent / "deploy" / ".env.example"


def test_the_example_env_file_lists_every_setting():
    # Some are listed commented out (DATABASE_PATH: set, it would override the image's path).
    text = EXAMPLE.read_text()
    listed = set(re.findall(r"^(?:# )?([A-Z_]+)=", text, flags=re.MULTILINE))
    assert listed - {"TELEGRAM_API_ID", "TELEGRAM_API_HASH"} == {
        name.upper() for name in Settings.model_fields
    }


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
