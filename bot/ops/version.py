"""The bot's version, as the operator sees it in `--version`, in `check` and at start."""

import tomllib
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "veo-photo-bot"
# A checkout run without installing it (PYTHONPATH=.) has no metadata, but its pyproject.toml.
_PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def version() -> str:
    """The installed distribution's version; else the checkout's pyproject.toml's; else
    "unknown"."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    try:
        project = tomllib.loads(_PYPROJECT.read_text())["project"]
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return "unknown"
    if project.get("name") != DISTRIBUTION:  # another project's file, not this checkout's
        return "unknown"
    return str(project.get("version", "unknown"))


def describe() -> str:
    """`veo-photo-bot <version>`."""
    return f"{DISTRIBUTION} {version()}"
