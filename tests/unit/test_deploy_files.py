"""The deploy files as an operator uses them: env file, image, compose, systemd unit.

Static checks of what Docker, compose and systemd would read, plus the image's two scripts
(entrypoint, healthcheck) run for real. Each check stands for a way these files once failed.
"""

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiohttp import web

from bot.app import SHUTDOWN_GRACE
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
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


# -- the env file ------------------------------------------------------------------------------


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
    secrets = {"telegram_bot_token": "1:x", "shortapi_key": "k"}
    from_example = Settings(_env_file=None, **secrets, **{k.lower(): v for k, v in values.items()})
    assert from_example.model_dump() == Settings(_env_file=None, **secrets).model_dump()


def test_the_env_example_names_every_setting_set_or_commented_out():
    # DATABASE_PATH is there commented out: set, it would override the deployments' own path.
    text = ENV_EXAMPLE.read_text()
    named = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]*)=", text, flags=re.M))
    assert {name.upper() for name in Settings.model_fields} <= named
    assert re.search(r"^# DATABASE_PATH=", text, flags=re.M)


# -- the image ---------------------------------------------------------------------------------


def ignore_pattern(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regex: `*` and `?` within one name, `**` across folders."""
    regex = ""
    for token in re.split(r"(\*\*/|\*\*|\*|\?)", pattern):
        regex += {"**/": "(.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(token) or re.escape(
            token
        )
    return re.compile(regex)


def dockerignore_excludes(path: str) -> bool:
    """Whether .dockerignore keeps `path` out of the build context, by Docker's rules: the last
    matching pattern wins, `!` lets back in, a pattern matching a folder covers what is in it."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        regex = ignore_pattern(pattern.lstrip("!").strip("/"))
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            excluded = not negate
    return excluded


@pytest.mark.parametrize(
    "path",
    [
        ".git",
        ".git/config",
        "deploy/.env",
        "deploy/.env.production",
        ".env",
        "bot/.env",
        ".venv/bin/python",
        "data/bot.sqlite3",
        "build/lib/bot/app.py",
        "veo_photo_bot.egg-info/PKG-INFO",
        "bot/__pycache__/app.cpython-311.pyc",
        "tests/conftest.py",
    ],
)
def test_secrets_git_and_local_leftovers_stay_out_of_the_build_context(path):
    assert dockerignore_excludes(path)


def dockerfile_copy_sources() -> list[str]:
    """The local paths the Dockerfile's COPY lines read from the build context."""
    sources = []
    for line in DOCKERFILE.read_text().splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            sources.extend(line.split()[1:-1])
    return sources


def test_the_build_context_holds_what_the_dockerfile_copies():
    sources = dockerfile_copy_sources()
    assert {"pyproject.toml", "bot", "storage"} <= set(sources)
    for source in sources:
        assert (ROOT / source).exists(), source
        files = (
            [source]
            if (ROOT / source).is_file()
            else [str(p.relative_to(ROOT)) for p in (ROOT / source).rglob("*.py")]
        )
        for name in files:
            assert not dockerignore_excludes(name), f"{name} is copied but ignored"


def test_the_image_holds_the_installed_package_only():
    # `pip install .` in the running image left /app (sources, build/, egg-info) behind.
    final = re.split(r"^FROM\s", DOCKERFILE.read_text(), flags=re.M)[-1]
    for line in final.splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            assert all(source.startswith("deploy/") for source in line.split()[1:-1]), line
    assert re.search(r"^COPY --from=build /wheels ", final, flags=re.M)
    assert not re.search(r"pip install \.(\s|$)", final)


def test_the_image_runs_as_the_uid_the_readme_names():
    users = re.findall(r"^USER\s+(\S+)", DOCKERFILE.read_text(), flags=re.M)
    assert users[-1] == f"{BOT_UID}:{BOT_UID}"


# -- compose -----------------------------------------------------------------------------------


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


# -- the systemd unit --------------------------------------------------------------------------


def test_the_units_database_and_working_folder_are_writable_under_protect_system():
    settings = unit_settings()
    assert settings["ProtectSystem"] == ["strict"]
    state = "/var/lib/" + settings["StateDirectory"][0]
    writable = [state, *settings.get("ReadWritePaths", [])]
    database = unit_env()["DATABASE_PATH"]
    assert any(database.startswith(w + "/") for w in writable), database
    # A relative DATABASE_PATH (the bot's own default) resolves from here.
    assert settings["WorkingDirectory"][0] in writable


def test_the_unit_does_not_restart_on_a_configuration_error():
    assert "2" in unit_settings()["RestartPreventExitStatus"][0].split()


def test_the_unit_reads_the_env_file_the_install_steps_create():
    (env_file,) = unit_settings()["EnvironmentFile"]
    assert f"deploy/.env.example {env_file}" in UNIT.read_text()


# -- the entrypoint ----------------------------------------------------------------------------


@pytest.fixture
def sandbox():
    """A folder anyone may enter, for a user other than us to find things in."""
    folder = Path(tempfile.mkdtemp(prefix="veo-deploy-"))
    folder.chmod(0o755)
    shutil.copy(ENTRYPOINT, folder / "entrypoint.sh")
    (folder / "entrypoint.sh").chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def run_entrypoint(sandbox: Path, database: Path) -> subprocess.CompletedProcess[str]:
    """The entrypoint with `echo started` as its command, as an unprivileged user."""
    # Root may write anywhere: test as nobody then, which is what the image's user is to a
    # folder it does not own.
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    command = [*(drop if os.geteuid() == 0 else []), "sh", str(sandbox / "entrypoint.sh")]
    return subprocess.run(
        [*command, "echo", "started"],
        env={"PATH": os.environ["PATH"], "DATABASE_PATH": str(database)},
        capture_output=True,
        text=True,
        timeout=30,
    )


def give_away(path: Path, writable: bool) -> None:
    """Make `path` writable, or not, for the user run_entrypoint runs as."""
    if os.geteuid() == 0:
        os.chown(path, 65534 if writable else 0, 65534 if writable else 0)
    else:
        path.chmod((0o755 if path.is_dir() else 0o644) if writable else 0o555)


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv")
def test_the_entrypoint_starts_the_bot_when_its_folder_is_writable(sandbox):
    data = sandbox / "data"
    data.mkdir()
    give_away(data, writable=True)
    result = run_entrypoint(sandbox, data / "new" / "bot.sqlite3")  # created by the bot
    assert (result.returncode, result.stdout, result.stderr) == (0, "started\n", "")


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv")
def test_a_folder_the_bot_cannot_write_is_named_with_the_fix(sandbox):
    # A root-owned host folder on /data: SQLite only said "unable to open database file".
    data = sandbox / "data"
    data.mkdir()
    give_away(data, writable=False)
    result = run_entrypoint(sandbox, data / "bot.sqlite3")
    assert result.returncode == 2 and result.stdout == ""
    assert f"configuration error: {data} (owner" in result.stderr
    assert "is not writable by the bot's user" in result.stderr
    assert re.search(r"sudo chown -R \d+:\d+ <host folder>", result.stderr)


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv")
def test_a_database_left_by_another_user_is_named(sandbox):
    data = sandbox / "data"
    data.mkdir()
    give_away(data, writable=True)
    database = data / "bot.sqlite3"
    database.write_bytes(b"")
    give_away(database, writable=False)
    result = run_entrypoint(sandbox, database)
    assert result.returncode == 2
    assert f"configuration error: {database} (owner" in result.stderr


# -- the healthcheck ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run_healthcheck(**env: str) -> tuple[int, str]:
    """Exit status and output of the image's HEALTHCHECK command, as Docker runs it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-I",
        str(HEALTHCHECK),
        env={"PATH": os.environ["PATH"], **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    return process.returncode or 0, output.decode()


class HealthServer:
    """A stand-in for the bot's /healthz; set `.status` to what it answers."""

    def __init__(self, host: str) -> None:
        self.host, self.port, self.status = host, free_port(), 200
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        self._runner = web.AppRunner(app)

    async def _healthz(self, request: web.Request) -> web.Response:
        body = {"database": "ok", "poller": "ok" if self.status == 200 else "stalled"}
        return web.json_response(body, status=self.status)

    async def start(self) -> "HealthServer":
        """Listen on host:port."""
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        return self

    async def stop(self) -> None:
        """Stop listening."""
        await self._runner.cleanup()


@pytest.fixture
async def health_server():
    """A HealthServer on 127.0.0.1, where the check looks when the bot listens everywhere."""
    server = await HealthServer("127.0.0.1").start()
    yield server
    await server.stop()


@pytest.mark.parametrize("public_url", [None, "", "  "])
async def test_without_the_http_server_the_container_counts_as_healthy(public_url):
    env = {} if public_url is None else {"PUBLIC_BASE_URL": public_url}
    status, output = await run_healthcheck(**env, WEB_PORT=str(free_port()))
    assert status == 0, output


async def test_healthy_when_healthz_answers_200_even_with_a_proxy_set(health_server):
    status, output = await run_healthcheck(
        PUBLIC_BASE_URL="https://bot.example.com",
        WEB_PORT=str(health_server.port),
        # An outgoing proxy for the bot must not carry the check (this one would refuse it).
        http_proxy=f"http://127.0.0.1:{free_port()}",
        HTTP_PROXY=f"http://127.0.0.1:{free_port()}",
    )
    assert (status, output) == (0, '200 {"database": "ok", "poller": "ok"}\n')


async def test_unhealthy_when_healthz_answers_503_and_the_output_says_why(health_server):
    health_server.status = 503
    status, output = await run_healthcheck(
        PUBLIC_BASE_URL="https://bot.example.com", WEB_PORT=str(health_server.port)
    )
    assert status == 1 and "503" in output and "stalled" in output


async def test_unhealthy_when_nothing_listens():
    status, output = await run_healthcheck(
        PUBLIC_BASE_URL="https://bot.example.com", WEB_PORT=str(free_port())
    )
    assert status == 1 and "Traceback" not in output, output


async def test_the_check_asks_the_address_the_bot_listens_on():
    # WEB_HOST set to one address (not 0.0.0.0): 127.0.0.1 does not answer there, it does.
    # (Linux routes all of 127/8 to the loopback interface.)
    server = await HealthServer("127.0.0.2").start()
    try:
        status, output = await run_healthcheck(
            PUBLIC_BASE_URL="https://bot.example.com",
            WEB_HOST="127.0.0.2",
            WEB_PORT=str(server.port),
        )
    finally:
        await server.stop()
    assert status == 0, output
