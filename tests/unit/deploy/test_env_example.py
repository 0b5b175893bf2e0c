"""The env example as an operator uses it: the same under compose and systemd, setting
nothing the image or the unit sets, naming every setting at its default."""

import re

from bot.config import Settings
from tests.unit.deploy.files import (
    ENV_EXAMPLE,
    dockerfile_env,
    env_lines,
    unit_env,
)


def test_the_env_example_sets_nothing_the_image_or_the_unit_sets():
    # Used as the env file (compose env_file, docker --env-file, systemd EnvironmentFile=), it
    # overrides the image's ENV and the unit's Environment=: DATABASE_PATH=data/bot.sqlite3
    # there sent the database to an unwritable /app/data and /opt/veo-photo-bot/data.
    image, unit = dockerfile_env(), unit_env()
    assert "DATABASE_PATH" in image and "DATABASE_PATH" in unit
    overridden = set(env_lines(ENV_EXAMPLE)) & (set(image) | set(unit))
    assert not overridden, f"deploy/.env.example would override {sorted(overridden)}"


def test_every_env_example_line_reads_the_same_in_docker_compose_and_systemd():
    # docker --env-file keeps quotes and "# comments" as part of the value, systemd and
    # compose strip them: only bare KEY=value lines mean the same to all three.
    for number, line in enumerate(ENV_EXAMPLE.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*=[^\s\"'#]*", line), f"line {number}: {line!r}"


def test_the_env_example_shows_every_setting_at_its_default(monkeypatch):
    # It says "default shown": filled in with only the two secrets, the bot must behave as
    # with no file at all.
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    values = env_lines(ENV_EXAMPLE)
    assert values.pop("TELEGRAM_BOT_TOKEN") == "" and values.pop("SHORTAPI_KEY") == ""
    unknown = {key for key in values if key.lower() not in Settings.model_fields}
    assert not unknown, f"not settings of the bot: {sorted(unknown)}"
    # Shaped like real ones (the bot refuses a token or key too short to be real).
    secrets = {"telegram_bot_token": "1234567:" + "x" * 35, "shortapi_key": "k" * 32}
    from_example = Settings(_env_file=None, **secrets, **{k.lower(): v for k, v in values.items()})
    assert from_example.model_dump() == Settings(_env_file=None, **secrets).model_dump()


def test_the_env_example_names_every_setting_set_or_commented_out():
    # DATABASE_PATH is there commented out: set, it would override the deployments' own path.
    text = ENV_EXAMPLE.read_text()
    named = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", text, flags=re.M))
    assert {name.upper() for name in Settings.model_fields} <= named
    assert re.search(r"^# DATABASE_PATH=", text, flags=re.M)
