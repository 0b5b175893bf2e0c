"""The compose files as compose reads them: the services and profiles, published ports,
secrets, stop and restart behaviour, volumes and limits.

Static checks of what compose would read. Each check stands for a way these files once
failed.
"""

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.app import SHUTDOWN_GRACE
from tests.unit.deploy.files import (
    BOT_UID,
    COMPOSE,
    COMPOSE_LOCAL,
    ENV_EXAMPLE,
    STOP_MARGIN,
    unit_settings,
)


def yaml_values(path: Path, key: str) -> list[str]:
    """The values of every `key:` line (this house writes compose files one key a line)."""
    return [
        value.strip().strip("\"'")
        for value in re.findall(rf"^\s*{key}:[ \t]*(.*)$", path.read_text(), flags=re.M)
    ]


def _scalar(text: str) -> Any:
    """A value as compose reads it: a flow list ["a", "b"], a quoted or a plain string."""
    if text.startswith("["):
        return json.loads(text)  # this house writes flow lists in JSON's syntax
    if text[:1] in "\"'":
        assert text[-1] == text[0], text
        return text[1:-1]
    assert not text.startswith(("{", "|", ">", "&", "*")), f"not read by this parser: {text}"
    return text


def _without_comment(line: str) -> str:
    quote = None
    for i, char in enumerate(line):
        if char in "\"'" and quote in (None, char):
            quote = None if quote else char
        elif char == "#" and quote is None and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def load_compose(path: Path) -> dict[str, Any]:
    """The compose file as a tree, for the YAML this house writes: block mappings and lists,
    one key a line, flow lists, anchors on mappings and `<<:` merges (anything else fails)."""
    lines = [
        (len(text) - len(text.lstrip(" ")), text.strip())
        for text in map(_without_comment, path.read_text().splitlines())
        if text.strip()
    ]
    anchors: dict[str, dict[str, Any]] = {}

    def block(at: int, indent: int) -> tuple[Any, int]:
        if lines[at][1].startswith("- "):
            items = []
            while at < len(lines) and lines[at][0] == indent and lines[at][1].startswith("- "):
                items.append(_scalar(lines[at][1][2:].strip()))
                at += 1
            return items, at
        mapping: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        while at < len(lines) and lines[at][0] == indent:
            key, sep, rest = lines[at][1].partition(":")
            assert sep and not key.startswith("- "), f"{path.name}: {lines[at][1]!r}"
            rest, at = rest.strip(), at + 1
            if key == "<<":
                assert rest.startswith("*"), rest
                merged.update(anchors[rest[1:]])
            elif rest and not rest.startswith("&"):
                mapping[key] = _scalar(rest)
            else:
                nested_indent = lines[at][0] if at < len(lines) else 0
                if at < len(lines) and nested_indent > indent:
                    mapping[key], at = block(at, nested_indent)
                else:
                    mapping[key] = None
                if rest.startswith("&"):
                    anchors[rest[1:]] = mapping[key]
        assert at == len(lines) or lines[at][0] < indent, f"{path.name}: {lines[at][1]!r}"
        # A merge gives what the mapping does not set itself (YAML's merge key).
        return merged | mapping, at

    tree, _ = block(0, 0)
    return tree


def services(path: Path = COMPOSE) -> dict[str, dict[str, Any]]:
    """The compose file's services."""
    return load_compose(path)["services"]


def bots(path: Path = COMPOSE) -> dict[str, dict[str, Any]]:
    """The services that run the bot's image (the SQLite bot, the replicas, copy-data)."""
    return {name: s for name, s in services(path).items() if s.get("image") == "veo-photo-bot"}


def in_profile(profile: str | None) -> dict[str, dict[str, Any]]:
    """The services compose starts with this profile only (None: with no profile)."""
    return {
        name: s
        for name, s in services().items()
        if not s.get("profiles") or profile in s["profiles"]
    }


def test_the_compose_parser_reads_what_compose_reads():
    # The parser is this file's own: it must see merges, anchors and flow lists as compose does.
    tree = load_compose(COMPOSE)
    assert set(tree) == {"services", "volumes"}
    assert tree["services"]["bot"]["ulimits"] == {"nofile": {"soft": "65536", "hard": "65536"}}
    assert tree["services"]["bot-1"]["env_file"] == ".env", "merged from the bot"
    assert tree["services"]["bot-1"]["volumes"] == ["bot-1-data:/data"], "its own, not merged"
    assert tree["services"]["copy-data"]["ports"] == []
    assert services(COMPOSE_LOCAL)["telegram-bot-api"]["entrypoint"][0] == "telegram-bot-api"


def host_ports(service: dict[str, Any]) -> list[str]:
    """The published ports' host side, "address:port"."""
    return [mapping.rsplit(":", 1)[0] for mapping in service.get("ports") or []]


def test_without_a_profile_compose_runs_the_one_sqlite_bot_as_before():
    assert list(in_profile(None)) == ["bot"]
    bot = services()["bot"]
    assert bot["ports"] == ["127.0.0.1:${WEB_PORT:-8080}:${WEB_PORT:-8080}"]
    assert bot["volumes"] == ["bot-data:/data"]
    assert "environment" not in bot and "depends_on" not in bot  # DATABASE_URL from .env only


def test_compose_publishes_the_bots_on_loopback_only_and_never_the_database():
    for name, service in {**services(), **services(COMPOSE_LOCAL)}.items():
        for host in host_ports(service):
            assert host.startswith("127.0.0.1:"), f"{name} publishes {host}"
    assert "ports" not in services()["postgres"]
    # The replicas run side by side: each needs a host port of its own.
    replicas = [host_ports(s) for name, s in bots().items() if name in in_profile("postgres")]
    published = [port for ports in replicas for port in ports]
    assert len(published) == len(set(published)) == 3, published


def test_the_postgres_profile_runs_two_replicas_on_the_postgres_service():
    started = in_profile("postgres")
    replicas = {name: s for name, s in started.items() if s.get("image") == "veo-photo-bot"}
    assert set(replicas) - {"bot"} == {"bot-1", "bot-2"}
    database = started["postgres"]
    assert database["image"] == "postgres:15"
    env = database["environment"]
    (data,) = database["volumes"]
    volume, _, mount = data.partition(":")
    assert mount == "/var/lib/postgresql/data" and volume in load_compose(COMPOSE)["volumes"]
    assert "env_file" not in database, "the database gets no bot token, no API key"
    assert "pg_isready" in database["healthcheck"]["test"]
    data_volumes = []
    for name in ("bot-1", "bot-2"):
        replica = replicas[name]
        url = urlsplit(replica["environment"]["DATABASE_URL"])
        assert (url.scheme, url.hostname, url.port) == ("postgresql", "postgres", 5432), name
        assert (url.username, url.path) == (env["POSTGRES_USER"], "/" + env["POSTGRES_DB"])
        assert url.password == env["POSTGRES_PASSWORD"] == "${POSTGRES_PASSWORD:-}"
        assert replica["depends_on"] == {"postgres": {"condition": "service_healthy"}}
        # At start a bot deletes the downloads in its folder: a shared one would lose the
        # other replica's download in progress.
        data_volumes += [v.partition(":")[0] for v in replica["volumes"] if v.endswith(":/data")]
    assert len(set(data_volumes)) == 2 and "bot-data" not in data_volumes


def test_the_replicas_are_the_bot_with_another_database_and_port():
    default = services()["bot"]
    # Stopping, restarting, open files, image and settings: a replica is the bot itself.
    same = ("restart", "stop_grace_period", "ulimits", "env_file", "build", "image")
    for name, bot in bots().items():
        differ = {"restart"} if name == "copy-data" else set()  # it runs once
        assert {k: bot[k] for k in same if k not in differ} == {
            k: default[k] for k in same if k not in differ
        }, name


def test_copy_data_reads_the_sqlite_bots_volume_once_and_is_not_a_replica():
    job = services()["copy-data"]
    assert job["command"] == ["python", "-m", "bot", "copy-data"]
    assert job["volumes"] == services()["bot"]["volumes"]
    assert job["restart"] == "no" and job["ports"] == []
    assert job["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert "copy-data" not in in_profile("postgres"), "`up` without names would run it"
    assert job["environment"] == services()["bot-1"]["environment"]


_SECRET_NAME = re.compile(r"PASSWORD|TOKEN|SECRET|_KEY$|_HASH$")


def test_compose_files_hold_no_secret_only_references_to_the_env_file():
    for path in (COMPOSE, COMPOSE_LOCAL):
        for name, service in services(path).items():
            for key, value in (service.get("environment") or {}).items():
                if _SECRET_NAME.search(key):
                    assert re.fullmatch(r"\$\{[A-Z_]+(:[-?][^}]*)?\}", value), f"{name} {key}"
                password = urlsplit(value).password if "://" in value else None
                if password is not None:
                    assert re.fullmatch(r"\$\{[A-Z_]+(:-)?\}", password), f"{name} {key}"


def test_the_env_example_names_every_variable_compose_reads():
    named = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), flags=re.M))
    for path in (COMPOSE, COMPOSE_LOCAL):
        read = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", _uncommented(path)))
        assert read and read <= named, f"{path.name}: {sorted(read - named)}"


def _uncommented(path: Path) -> str:
    return "\n".join(map(_without_comment, path.read_text().splitlines()))


def test_compose_ends_a_configuration_error_instead_of_looping():
    # unless-stopped (and plain on-failure) restart a bot that exits 2 forever.
    policies = [
        service["restart"]
        for path in (COMPOSE, COMPOSE_LOCAL)
        for service in services(path).values()
        if "restart" in service
    ]
    assert policies
    for policy in policies:
        assert policy == "no" or re.fullmatch(r"on-failure:\d+", policy), policy
    assert all("restart" in service for service in services().values())


def test_compose_and_the_unit_wait_longer_than_the_bot_does_for_an_upload():
    for name, bot in bots().items():
        grace = bot["stop_grace_period"]
        assert int(grace.removesuffix("s")) >= SHUTDOWN_GRACE + STOP_MARGIN, name
    (timeout,) = unit_settings()["TimeoutStopSec"]
    assert int(timeout) >= SHUTDOWN_GRACE + STOP_MARGIN


def test_the_default_compose_file_mounts_no_bot_api_folder():
    assert "telegram-bot-api" not in COMPOSE.read_text().split("services:")[1]
    assert "/var/lib/telegram-bot-api" in COMPOSE_LOCAL.read_text()


def test_the_bot_api_server_runs_as_the_bots_user():
    # It writes 0700 folders and 0600 files; run as its image's uid 101 the bot cannot read
    # the photos it downloads.
    assert f'user: "{BOT_UID}:{BOT_UID}"' in COMPOSE_LOCAL.read_text()
    assert f'["chown", "-R", "{BOT_UID}:{BOT_UID}", ' in COMPOSE_LOCAL.read_text()


def test_compose_and_the_unit_give_the_bot_a_descriptor_limit():
    assert len(bots()) == 4
    for name, bot in bots().items():
        nofile = bot["ulimits"]["nofile"]
        assert nofile["soft"] == nofile["hard"] and int(nofile["hard"]) >= 65536, name
    assert int(unit_settings()["LimitNOFILE"][0]) >= 65536
