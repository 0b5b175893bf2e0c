"""The directory of videos the bot keeps for its own links: whole files only, found only by
a well-formed name within its time, swept after."""

import os
import shutil

import pytest

from bot.jobs.kept import KeptVideos, big_video
from bot.veo import DEFAULT_MODEL, MODELS

DAY = 86400.0
NOW = 1_800_000_000.0


@pytest.fixture
def kept(tmp_path):
    return KeptVideos(tmp_path / "videos", "https://bot.example.com/", max_bytes=1 << 20)


def downloaded(tmp_path, data=b"video bytes"):
    path = tmp_path / "veo-download.mp4"
    path.write_bytes(data)
    return path


def test_a_kept_video_is_found_by_its_link_until_its_time_is_up(kept, tmp_path):
    got = kept.keep(downloaded(tmp_path), now=NOW)
    assert got.url.startswith("https://bot.example.com/v/") and got.until == NOW + 30 * DAY
    name = got.url.rpartition("/")[2]
    assert kept.find(name, now=NOW + 30 * DAY - 1).read_bytes() == b"video bytes"
    assert kept.find(name, now=NOW + 30 * DAY) is None
    assert list(kept.directory.iterdir()) == [], "found past its time, it is removed"


def test_two_videos_never_share_a_name(kept, tmp_path):
    first = kept.keep(downloaded(tmp_path), now=NOW).url
    assert kept.keep(downloaded(tmp_path), now=NOW).url != first


@pytest.mark.parametrize(
    "name", ["../bot.sqlite3", "short.mp4", "A" * 32, f"{'A' * 32}.mp4/..", ".part-x.mp4"]
)
def test_only_a_well_formed_name_is_looked_up(kept, tmp_path, name):
    kept.directory.mkdir()
    assert kept.find(name, now=NOW) is None


def test_a_copy_that_fails_leaves_no_file_and_no_link(kept, tmp_path, monkeypatch):
    # Another file system (a shared volume): the file is copied, and here the disk is full.
    def refuse(*args):
        raise OSError(18, "cross-device link")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(OSError):
        kept.keep(downloaded(tmp_path), now=NOW)
    assert list(kept.directory.iterdir()) == []


def test_keeping_one_sweeps_old_videos_and_what_a_crash_left(kept, tmp_path):
    old = kept.keep(downloaded(tmp_path), now=NOW - 31 * DAY).url.rpartition("/")[2]
    part = kept.directory / f".part-{'B' * 32}.mp4"
    part.write_bytes(b"half")
    os.utime(part, (NOW - 2 * 3600, NOW - 2 * 3600))
    young = kept.keep(downloaded(tmp_path), now=NOW).url.rpartition("/")[2]
    assert sorted(p.name for p in kept.directory.iterdir()) == [young]
    assert old != young


def test_only_4k_may_be_too_big_for_telegram():
    model = MODELS[DEFAULT_MODEL]
    for resolution, big in (("720p", False), ("1080p", False), ("4k", True)):
        for aspect in ("16:9", "auto"):
            options = model.read(
                {**model.defaults().args, "resolution": resolution, "aspect_ratio": aspect}
            )
            assert big_video(options) is big
