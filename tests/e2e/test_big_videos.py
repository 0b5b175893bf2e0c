"""A 4K video over Telegram's 50 MB upload limit, through the real bot process: with a public
address the bot keeps it and serves it itself for 30 days; with a self-hosted Bot API server
it goes as a video; with neither, ShortAPI's own link, with its lifetime said honestly. The
options card says which before Generate."""

import os
import re
import time
from pathlib import Path

import httpx

from tests.chat import button, open_options, press_and_wait, video_files_left
from tests.e2e.delivery import delivered, delivery_attempts, generate
from tests.fakes._video import video_bytes

ANN = 1001
# Over the 50 MB Telegram takes as an upload (and the 20 MB it fetches by URL).
HUGE = 60 * 1024 * 1024
KEEP_FOR = 30 * 24 * 3600


async def card_with_4k(telegram, user) -> dict:
    """The options card after pressing 4K."""
    _, options = await open_options(telegram, user["id"], user, caption="A city at night")
    _, card = await press_and_wait(telegram, user["id"], user, options, "4K")
    return card


def kept_files(bot_env) -> list[Path]:
    folder = Path(bot_env["DATABASE_PATH"]).parent / "videos"
    return sorted(folder.iterdir()) if folder.exists() else []


async def test_a_4k_video_too_big_for_telegram_is_served_from_the_bots_own_address(
    public, bot_env, bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    shortapi.video_size = HUGE
    card = await card_with_4k(telegram, ann)
    assert "4K can be too big for Telegram" in card["text"]
    assert "download link, kept 30 days" in card["text"]
    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "Download it here" in m.get("text", ""), timeout=30
    )
    [url] = re.findall(r"https?://\S+", told["text"])
    token = re.fullmatch(rf"{re.escape(public)}/v/([A-Za-z0-9_-]+)\.mp4", url)
    assert token is not None and len(token[1]) >= 22, url  # at least 128 bits
    # The last day it surely works, written as people write dates: 29 days on, in UTC.
    day = time.gmtime(time.time() + KEEP_FOR - 86400)
    assert f"The link works until {time.strftime('%B', day)} {day.tm_mday}." in told["text"]
    assert "about two days" not in told["text"]
    await telegram.wait_for(lambda: delivered(telegram, card))
    # Only Telegram's fetch by URL was tried (it stops at 20 MB): no upload of 60 MB.
    [by_url] = delivery_attempts(telegram, ANN)
    assert by_url.http_status == 400 and by_url.files == {}
    assert telegram.uploads == []
    expected = video_bytes(HUGE)
    async with httpx.AsyncClient(timeout=30) as http:
        whole = await http.get(url)
        assert whole.status_code == 200
        assert whole.headers["Content-Type"] == "video/mp4"
        assert int(whole.headers["Content-Length"]) == HUGE
        assert whole.content == expected
        part = await http.get(url, headers={"Range": "bytes=1000000-1999999"})
        assert part.status_code == 206
        assert part.headers["Content-Range"] == f"bytes 1000000-1999999/{HUGE}"
        assert part.content == expected[1_000_000:2_000_000]
        tail = await http.get(url, headers={"Range": "bytes=-100"})
        assert (tail.status_code, tail.content) == (206, expected[-100:])
        unknown = await http.get(f"{public}/v/{'A' * len(token[1])}.mp4")
        traversal = await http.get(f"{public}/v/..%2Fbot.sqlite3")
        assert (unknown.status_code, traversal.status_code) == (404, 404)
        assert token[1] not in unknown.text
        # Past its 30 days the file is gone, and its link answers like any unknown one.
        [kept] = kept_files(bot_env)
        old = time.time() - KEEP_FOR - 60
        os.utime(kept, (old, old))
        expired = await http.get(url)
        assert expired.status_code == 404 and expired.content == unknown.content
    assert kept_files(bot_env) == []
    assert video_files_left(bot_env) == [], "the download itself is not left behind"
    assert token[1] not in bot.log(), "the token is never logged whole"


async def test_an_expired_video_is_swept_when_the_next_one_is_kept(
    public, bot_env, bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    shortapi.video_size = HUGE
    options = await generate(telegram, ann)
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=30)
    [first] = kept_files(bot_env)
    old = time.time() - KEEP_FOR - 60
    os.utime(first, (old, old))
    options = await generate(telegram, ann, caption="A second one")
    await telegram.wait_for(lambda: delivered(telegram, options), timeout=30)
    [second] = kept_files(bot_env)
    assert second != first and not first.exists()


async def test_without_a_public_address_the_link_is_shortapis_and_says_how_long_it_lasts(
    bot, telegram, shortapi
):
    ann = telegram.user(ANN)
    shortapi.video_size = HUGE
    card = await card_with_4k(telegram, ann)
    assert "a download link that works about two days" in card["text"]
    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    told = await telegram.wait_for_bot_message(
        ANN, lambda m: "Download it here" in m.get("text", ""), timeout=30
    )
    job = next(iter(shortapi.jobs.values()))
    assert f"{shortapi.base_url}/files/{job.file_name}" in told["text"]
    assert "ShortAPI keeps the video for about two days: download it soon." in told["text"]
    assert "works until" not in told["text"]


async def test_smaller_resolutions_say_nothing_of_links(public, bot, telegram):
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    assert "📦" not in options["text"]
    _, options = await press_and_wait(telegram, ANN, ann, options, "1080p")
    assert "📦" not in options["text"]


async def test_with_a_local_bot_api_server_a_4k_video_goes_as_a_video(
    bot_env, bot_process, telegram, shortapi
):
    # The fake takes files by path like `telegram-bot-api --local`, up to 2000 MB.
    telegram.local_mode = True
    bot_env["TELEGRAM_LOCAL_MODE"] = "true"
    await bot_process.start()
    ann = telegram.user(ANN)
    shortapi.video_size = HUGE
    card = await card_with_4k(telegram, ann)
    assert "A 4K video arrives right here, as a video." in card["text"]
    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    await telegram.wait_for(lambda: delivered(telegram, card), timeout=30)
    [sent] = [u for u in telegram.uploads if u.url is None]
    assert sent.method == "sendVideo" and sent.data == video_bytes(HUGE)
    assert not [m for m in telegram.bot_messages(ANN) if "Download it here" in m.get("text", "")]
