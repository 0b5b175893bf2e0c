"""The sandbox (SHORTAPI_SANDBOX=true), through the real bot process: an operator tries the whole
conversation without a ShortAPI key and without paying: the card, the statuses, a sample video
made from the photo and the buttons under it, every one marked as a sandbox; no request
reaches ShortAPI and no Star moves."""

import io

import av
import pytest
from PIL import Image

from tests.chat import button, keyboard_labels
from tests.e2e.stars import balance, ledger
from tests.process import API_KEY
from tests.process import run_to_end as run

ANN = 1001
PHOTO_COLOUR = (200, 40, 40)
TOLERANCE = 24  # a flat colour through JPEG, a resize and H.264 at a low bitrate


def photo_jpeg() -> bytes:
    """A real photo (the fake's usual stand-in bytes decode to nothing)."""
    out = io.BytesIO()
    Image.new("RGB", (800, 450), PHOTO_COLOUR).save(out, "JPEG", quality=95)
    return out.getvalue()


def frames(data: bytes) -> tuple[Image.Image, Image.Image, float, tuple[int, int]]:
    """The video's first and last frames, its length in seconds and its frame size."""
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.video[0]
        decoded = [frame.to_image() for frame in container.decode(stream)]
        seconds = float(stream.duration * stream.time_base)
    return decoded[0], decoded[-1], seconds, decoded[0].size


def near(found: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= TOLERANCE for a, b in zip(found, colour, strict=True))


async def test_the_whole_conversation_without_a_key_or_a_star_then_live(
    bot_env, bot_process, telegram, shortapi
):
    del bot_env["SHORTAPI_KEY"]
    bot_env.update(SHORTAPI_SANDBOX="true", STARS_PER_USD="100")
    await bot_process.start()
    assert " WARNING bot.app: sandbox: SHORTAPI_SANDBOX=true, no ShortAPI call" in (
        bot_process.log()
    )
    ann = telegram.user(ANN)
    photo = telegram.send_photo(ANN, ann, photo_jpeg(), caption="A red kite over the sea")
    card = await telegram.wait_for_bot_message(ANN, lambda m: bool(m.get("reply_markup")))
    assert photo["message_id"] == card["reply_to_message"]["message_id"]
    text = card["text"]
    assert text.startswith("🧪 Sandbox: no real video is made and nothing is charged.")
    # What it would cost, with payments on: in Stars, and that it is free here.
    assert "Price: 64 ⭐, free in the sandbox" in text
    labels = [label for row in keyboard_labels(card) for label in row]
    assert "🎬 Generate · free 🧪" in labels

    telegram.press(ANN, ann, card["message_id"], button(card, "Generate"))
    await telegram.wait_for(
        lambda: "queued" in telegram.message(ANN, card["message_id"])["text"], timeout=10
    )
    # The operator goes live while the simulated video is being made: it is still asked of
    # the sandbox that made it, and ends as what it is.
    await bot_process.stop()
    bot_env.update(SHORTAPI_SANDBOX="false", SHORTAPI_KEY=API_KEY)
    await bot_process.start()
    await telegram.wait_for(lambda: telegram.uploads, timeout=30)
    # No invoice though the balance is 0, no request to ShortAPI of any kind.
    assert telegram.invoices(ANN) == []
    assert (shortapi.creates, shortapi.queries, shortapi.downloads) == ([], [], [])

    # The status message went through the statuses, each marked.
    edits = [c.params["text"] for c in telegram.calls_of("editMessageText")]
    assert any("Status: ⏳ queued" in e for e in edits), edits
    assert any("Status: 🎞 being made" in e for e in edits), edits
    for edit in edits:
        assert edit.startswith("🧪 Sandbox sample: not made by Veo, nothing charged.")
        assert "Price: free (sandbox)" in edit

    # The sample: the options' frame shape and length, made from the user's photo.
    [upload] = telegram.uploads
    first, last, seconds, size = frames(upload.data)
    assert size == (640, 360) and round(seconds) == 8
    for picture in (first, last):
        assert near(picture.getpixel((320, 180)), PHOTO_COLOUR)
        assert near(picture.getpixel((630, 350)), PHOTO_COLOUR)
    sent = telegram.calls_of("sendVideo")[-1].params
    assert (sent["width"], sent["height"], sent["duration"]) == (640, 360, 8)
    caption = sent["caption"]
    assert caption.startswith("A red kite over the sea\n")
    assert caption.endswith(
        " · free (sandbox)\n🧪 Sandbox sample: not made by Veo, nothing charged."
    )
    video_message = telegram.bot_messages(ANN)[-1]
    assert [label for row in keyboard_labels(video_message) for label in row] == [
        "🔁 Again",
        "⏭ Continue",
        "✏️ New prompt",
    ]
    await telegram.wait_for(
        lambda: "Status: ✅ delivered" in telegram.message(ANN, card["message_id"])["text"],
        timeout=10,
    )

    # Nothing moved: no Star taken, no row in the ledger, nothing spent.
    assert await balance(telegram, ann) == 0
    telegram.send_text(ANN, ann, "/jobs")
    listing = await telegram.wait_for_bot_message(
        ANN, lambda m: "Your recent videos" in m.get("text", "")
    )
    assert " · free (sandbox) · ✅ delivered" in listing["text"]
    assert "$" not in listing["text"] and "⭐" not in listing["text"]
    assert await ledger(bot_env) == {}

    # A new card is live: no sandbox words, a price to pay.
    telegram.send_photo(ANN, ann, photo_jpeg(), caption="Another")
    live = await telegram.wait_for_bot_message(
        ANN, lambda m: bool(m.get("reply_markup")) and "Another" in m.get("text", "")
    )
    assert "Sandbox" not in live["text"] and "Price: 64 ⭐\n" in live["text"]


@pytest.mark.parametrize("key", [None, ""])  # unset, or left empty as .env.example has it
async def test_check_needs_no_key_in_the_sandbox_and_says_it_is_one(bot_env, tmp_path, key):
    del bot_env["SHORTAPI_KEY"]
    if key is not None:
        bot_env["SHORTAPI_KEY"] = key
    bot_env["SHORTAPI_SANDBOX"] = "true"
    code, out, err = await run(bot_env, tmp_path, "check")
    assert (code, err) == (0, ""), out + err
    lines = out.splitlines()
    assert "shortapi: not asked (no SHORTAPI_KEY; the sandbox needs none)" in lines
    assert lines[-1].startswith("sandbox: SHORTAPI_SANDBOX=true, no ShortAPI call is made")
