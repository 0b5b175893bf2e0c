"""The version `--version`, `check` and the start line show."""

import tomllib
from importlib import metadata
from pathlib import Path

from bot.ops import version

PYPROJECT = tomllib.loads((Path(__file__).parents[3] / "pyproject.toml").read_text())


def test_the_installed_distribution_says_its_version():
    assert version.version() == metadata.version("veo-photo-bot")
    assert version.describe() == f"veo-photo-bot {metadata.version('veo-photo-bot')}"


def test_a_checkout_not_installed_says_its_pyproject_version(monkeypatch):
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert version.version() == PYPROJECT["project"]["version"]


def test_without_metadata_or_pyproject_it_says_unknown(monkeypatch, tmp_path):
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    monkeypatch.setattr(version, "_PYPROJECT", tmp_path / "pyproject.toml")
    assert version.version() == "unknown"
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\nversion = "9"\n')
    assert version.version() == "unknown"
