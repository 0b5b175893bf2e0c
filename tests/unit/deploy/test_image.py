"""The image: what .dockerignore keeps out of the build context, what the Dockerfile copies
and installs, and the user it runs as."""

import re

import pytest

from tests.unit.deploy.files import (
    BOT_UID,
    DOCKERFILE,
    ROOT,
)


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
