"""bot/media/video.py on real MP4s made with PyAV, and on what is not a video."""

from pathlib import Path

import pytest

from bot.media import video
from bot.media.video import VideoInfo
from tests.fakes._video import FIRST_COLOUR, LAST_COLOUR, real_mp4, video_bytes
from tests.media import assert_colour, decoded


def write(tmp_path: Path, data: bytes, name: str = "video.mp4") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_probe_reads_size_and_duration(tmp_path):
    assert video.probe(write(tmp_path, real_mp4())) == VideoInfo(320, 180, 1)
    longer = write(tmp_path, real_mp4(width=180, height=320, seconds=3), "portrait.mp4")
    assert video.probe(longer) == VideoInfo(180, 320, 3)


def test_the_last_frame_is_the_last_colour_at_the_videos_resolution(tmp_path):
    image = decoded(video.last_frame(write(tmp_path, real_mp4())))
    assert image.size == (320, 180)
    assert_colour(image, LAST_COLOUR)


def test_the_last_frame_of_a_longer_video_is_found_near_its_end(tmp_path, monkeypatch):
    # 6 s at 8 fps is 48 packets; a seek to 2 s before the end leaves about 16 to decode.
    path = write(tmp_path, real_mp4(seconds=6, first=(0, 200, 0), last=(200, 0, 200)))
    monkeypatch.setattr(video, "MAX_PACKETS", 30)
    image = decoded(video.last_frame(path))
    assert_colour(image, (200, 0, 200))


def test_a_bound_on_the_work_gives_up_with_none(tmp_path, monkeypatch):
    monkeypatch.setattr(video, "MAX_PACKETS", 3)
    assert video.last_frame(write(tmp_path, real_mp4())) is None  # 8 packets to decode


@pytest.mark.parametrize(
    ("width", "height", "thumb"),
    [
        (320, 180, (320, 180)),
        (1280, 720, (320, 180)),
        (360, 640, (180, 320)),
        (160, 90, (160, 90)),
    ],
)
def test_the_thumbnail_is_the_first_frame_within_telegrams_limits(tmp_path, width, height, thumb):
    data = video.thumbnail(write(tmp_path, real_mp4(width=width, height=height)))
    image = decoded(data)
    assert image.size == thumb
    assert max(image.size) <= 320 and len(data) < 200_000
    assert_colour(image, FIRST_COLOUR)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(video_bytes(64 * 1024), id="random-bytes-after-an-mp4-header"),
        pytest.param(b"", id="empty"),
        pytest.param(b"not a video at all", id="text"),
        # PyAV writes the index (moov) last: a download cut short has none.
        pytest.param(real_mp4()[: len(real_mp4()) // 2], id="truncated"),
    ],
)
def test_what_is_not_a_readable_video_gives_none(tmp_path, data):
    path = write(tmp_path, data)
    assert video.probe(path) is None
    assert video.thumbnail(path) is None
    assert video.last_frame(path) is None


def test_a_missing_file_gives_none(tmp_path):
    path = tmp_path / "gone.mp4"
    assert (video.probe(path), video.thumbnail(path), video.last_frame(path)) == (None,) * 3
