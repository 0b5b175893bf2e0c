"""The deploy files the tests of deploy/ read, and readers for the env file, the Dockerfile's
ENV and the systemd unit that more than one of them needs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
ENV_EXAMPLE = DEPLOY / ".env.example"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "compose.yaml"
COMPOSE_LOCAL = DEPLOY / "compose.local-bot-api.yaml"
UNIT = DEPLOY / "veo-photo-bot.service"
ENTRYPOINT = DEPLOY / "docker-entrypoint.sh"
HEALTHCHECK = DEPLOY / "healthcheck.py"
# The uid the README tells operators to give their /data folder to.
BOT_UID = 10001
# docker stop / systemd must wait for the bot's own grace, plus the rest of its shutdown.
STOP_MARGIN = 20


def env_lines(path: Path) -> dict[str, str]:
    """KEY -> value for every line that sets something (comments and blanks skipped)."""
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def dockerfile_env() -> dict[str, str]:
    """The ENV of the Dockerfile's last stage (the image that runs)."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    final = re.split(r"^FROM\s", text, flags=re.M)[-1]
    env = {}
    for line in re.findall(r"^ENV\s+(.*)$", final, flags=re.M):
        env.update(dict(re.findall(r"(\w+)=(\S+)", line)))
    return env


def unit_settings() -> dict[str, list[str]]:
    """Every key of the systemd unit with all its values, in order (keys may repeat)."""
    settings: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def unit_env() -> dict[str, str]:
    """What the unit's Environment= lines set."""
    return dict(value.split("=", 1) for value in unit_settings().get("Environment", []))
