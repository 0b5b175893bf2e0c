"""Pure functions from a draft to its inline keyboard, in the user's language."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.core.pricing import Cost
from bot.telegram.callback_data import Action, After, DraftButton, VideoButton
from bot.veo import Options


def _choice(label: str, chosen: bool, button: DraftButton) -> InlineKeyboardButton:
    text = f"{texts.CHOSEN} {label}" if chosen else label
    return InlineKeyboardButton(text, callback_data=button.encode())


def option_rows(
    t: texts.Texts, draft_id: int, options: Options
) -> list[list[InlineKeyboardButton]]:
    """One row per arg of the options' model, in its declared order: a button per value with
    the chosen one marked, or one button that flips a toggle and says its current state."""
    args = options.args
    rows = []
    for arg in options.video_model.args:
        current = args[arg.name]
        if arg.toggle:
            button = DraftButton(draft_id, arg.code)
            label = t.button_label(arg.choice(current))
            rows.append([InlineKeyboardButton(label, callback_data=button.encode())])
            continue
        rows.append(
            [
                _choice(
                    t.choice_label(choice),
                    choice.value == current,
                    DraftButton(draft_id, arg.code, arg.callback_text(choice.value)),
                )
                for choice in arg.choices
            ]
        )
    return rows


def draft_keyboard(
    t: texts.Texts, draft_id: int, options: Options, cost: Cost
) -> InlineKeyboardMarkup:
    """Option rows with the chosen value marked, then Generate with the price, then Cancel."""

    def b(action: Action) -> str:
        return DraftButton(draft_id, action).encode()

    return InlineKeyboardMarkup(
        [
            *option_rows(t, draft_id, options),
            [InlineKeyboardButton(t.generate_label(cost), callback_data=b(Action.GENERATE))],
            [
                InlineKeyboardButton(t.prompt_label, callback_data=b(Action.PROMPT)),
                InlineKeyboardButton(t.cancel_label, callback_data=b(Action.CANCEL)),
            ],
        ]
    )


def video_keyboard(t: texts.Texts, job_id: int, *, with_continue: bool) -> InlineKeyboardMarkup:
    """Under a delivered video: Again and Continue (with the video file) side by side, then New
    prompt; without Continue, Again and New prompt side by side.

    No row holds three: a phone shows about 12 characters a button in a row of three, and
    "✏️ Новый промпт" or "⏭ Продолжить" are longer; about 20 fit in a row of two.
    """

    def b(label: str, after: After) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=VideoButton(job_id, after).encode())

    again = b(t.again_label, After.AGAIN)
    new_prompt = b(t.new_prompt_label, After.NEW_PROMPT)
    if not with_continue:
        return InlineKeyboardMarkup([[again, new_prompt]])
    return InlineKeyboardMarkup([[again, b(t.continue_label, After.CONTINUE)], [new_prompt]])
