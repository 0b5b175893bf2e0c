"""Pure functions from a draft to its inline keyboard, in the user's language."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.payments.stars import Cost
from bot.telegram.callback_data import Action, After, DraftButton, VideoButton
from bot.texts.words import RESOLUTION_LABELS
from bot.veo import DURATIONS, AspectRatio, Mode, Resolution, VideoOptions


def _choice(label: str, chosen: bool, button: DraftButton) -> InlineKeyboardButton:
    text = f"{texts.CHOSEN} {label}" if chosen else label
    return InlineKeyboardButton(text, callback_data=button.encode())


def draft_keyboard(
    t: texts.Texts, draft_id: int, options: VideoOptions, cost: Cost
) -> InlineKeyboardMarkup:
    """Option rows with the chosen value marked, then Generate with the price, then Cancel."""

    def b(action: Action, value: str = "") -> DraftButton:
        return DraftButton(draft_id, action, value)

    return InlineKeyboardMarkup(
        [
            [
                _choice(t.mode_label(m), options.mode is m, b(Action.MODE, m.value))
                for m in (Mode.FAST, Mode.QUALITY)
            ],
            [
                _choice(t.duration_label(d), options.duration == d, b(Action.DURATION, str(d)))
                for d in DURATIONS
            ],
            [
                _choice(RESOLUTION_LABELS[r], options.resolution is r, b(Action.RESOLUTION, r))
                for r in Resolution
            ],
            [
                _choice(t.aspect_label(a), options.aspect_ratio is a, b(Action.ASPECT, a))
                for a in AspectRatio
            ],
            [
                InlineKeyboardButton(
                    t.audio_label(options.audio), callback_data=b(Action.AUDIO).encode()
                )
            ],
            [
                InlineKeyboardButton(
                    t.generate_label(cost), callback_data=b(Action.GENERATE).encode()
                )
            ],
            [
                InlineKeyboardButton(t.prompt_label, callback_data=b(Action.PROMPT).encode()),
                InlineKeyboardButton(t.cancel_label, callback_data=b(Action.CANCEL).encode()),
            ],
        ]
    )


def video_keyboard(t: texts.Texts, job_id: int, *, with_continue: bool) -> InlineKeyboardMarkup:
    """Under a delivered video: Again, New prompt and (with the video file) Continue."""
    row = [
        InlineKeyboardButton(
            t.again_label, callback_data=VideoButton(job_id, After.AGAIN).encode()
        ),
        InlineKeyboardButton(
            t.new_prompt_label, callback_data=VideoButton(job_id, After.NEW_PROMPT).encode()
        ),
    ]
    if with_continue:
        row.append(
            InlineKeyboardButton(
                t.continue_label, callback_data=VideoButton(job_id, After.CONTINUE).encode()
            )
        )
    return InlineKeyboardMarkup([row])
