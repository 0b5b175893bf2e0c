"""The buttons under a delivered video, in every language: each label fits its row."""

import pytest

from bot import texts
from bot.telegram.callback_data import After, decode_video
from bot.telegram.keyboards import video_keyboard
from tests.buttons import cut_off, width


def rows(markup) -> list[list[str]]:
    return [[b.text for b in row] for row in markup.inline_keyboard]


@pytest.mark.parametrize("code", texts.LANGUAGES)
@pytest.mark.parametrize("with_continue", [True, False])
@pytest.mark.parametrize("with_extend", [True, False])
def test_every_label_under_a_video_fits_its_row(code, with_continue, with_extend):
    t = texts.of(code)
    markup = video_keyboard(t, 5, with_continue=with_continue, with_extend=with_extend)
    assert cut_off(rows(markup)) == []
    labels = [t.again_label, t.new_prompt_label] + ([t.continue_label] if with_continue else [])
    labels += [t.extend_label] if with_extend else []
    assert sorted(label for row in rows(markup) for label in row) == sorted(labels)


def test_the_buttons_under_a_video_say_what_they_do():
    markup = video_keyboard(texts.of("en"), 5, with_continue=True)
    pressed = [[decode_video(b.callback_data) for b in row] for row in markup.inline_keyboard]
    assert [[(p.job_id, p.action) for p in row] for row in pressed] == [
        [(5, After.AGAIN), (5, After.CONTINUE)],
        [(5, After.NEW_PROMPT)],
    ]
    markup = video_keyboard(texts.of("en"), 5, with_continue=True, with_extend=True)
    pressed = [[decode_video(b.callback_data) for b in row] for row in markup.inline_keyboard]
    assert [[(p.job_id, p.action) for p in row] for row in pressed] == [
        [(5, After.AGAIN), (5, After.CONTINUE)],
        [(5, After.NEW_PROMPT), (5, After.EXTEND)],
    ]


def test_the_measure_counts_an_emoji_as_two_and_its_selector_as_none():
    assert width("✏️ New prompt") == 13 and width("⏭ Продолжить") == 13
    assert cut_off([["🔁 Again", "✏️ New prompt", "⏭ Continue"]]) == ["✏️ New prompt"]
