"""Pure functions from a draft to its inline keyboard, in the user's language."""

from collections.abc import Mapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.core.inputs import AVOID, LAST_FRAME
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
    the chosen one marked, or one button that flips a toggle and says its current state; none
    for an arg of one value."""
    args = options.args
    rows = []
    for arg in options.video_model.args:
        current = args[arg.name]
        if len(arg.choices) < 2:
            continue  # nothing to choose (a reference video is 8 s): the options line says it
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


def input_row(
    t: texts.Texts, draft_id: int, options: Options, inputs: Mapping[str, object]
) -> list[InlineKeyboardButton]:
    """The buttons for what the video is made from besides its photo and prompt, as the
    options' model declares it: a last frame to add or remove, what to avoid to give or clear."""
    model = options.video_model
    row = []
    if model.last_frame or inputs.get(LAST_FRAME):
        label = t.drop_last_frame_label if inputs.get(LAST_FRAME) else t.last_frame_label
        row.append(_action(label, draft_id, Action.LAST_FRAME))
    if model.input(AVOID) is not None:
        label = t.drop_avoid_label if inputs.get(AVOID) else t.avoid_label
        row.append(_action(label, draft_id, Action.AVOID))
    return row


def _action(label: str, draft_id: int, action: Action) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=DraftButton(draft_id, action).encode())


def draft_keyboard(
    t: texts.Texts,
    draft_id: int,
    options: Options,
    cost: Cost,
    inputs: Mapping[str, object] | None = None,
) -> InlineKeyboardMarkup:
    """Option rows with the chosen value marked, the buttons of the model's other inputs
    (`inputs`: what the draft has of them), then Generate with the price, then Cancel."""

    def b(action: Action) -> str:
        return DraftButton(draft_id, action).encode()

    extra = input_row(t, draft_id, options, inputs or {})
    return InlineKeyboardMarkup(
        [
            *option_rows(t, draft_id, options),
            *([extra] if extra else []),
            [InlineKeyboardButton(t.generate_label(cost), callback_data=b(Action.GENERATE))],
            [
                InlineKeyboardButton(t.prompt_label, callback_data=b(Action.PROMPT)),
                InlineKeyboardButton(t.cancel_label, callback_data=b(Action.CANCEL)),
            ],
        ]
    )


def video_keyboard(
    t: texts.Texts, job_id: int, *, with_continue: bool, with_extend: bool = False
) -> InlineKeyboardMarkup:
    """Under a delivered video: Again and Continue (with the video file) side by side, then New
    prompt and Extend (a video Veo can make longer); without Continue, Again and New prompt
    side by side, then Extend.

    No row holds three: a phone shows about 12 characters a button in a row of three, and
    "✏️ Новый промпт" or "⏭ Продолжить" are longer; about 20 fit in a row of two.
    """

    def b(label: str, after: After) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=VideoButton(job_id, after).encode())

    again = b(t.again_label, After.AGAIN)
    new_prompt = b(t.new_prompt_label, After.NEW_PROMPT)
    extend = [b(t.extend_label, After.EXTEND)] if with_extend else []
    if not with_continue:
        return InlineKeyboardMarkup([[again, new_prompt], *([extend] if extend else [])])
    return InlineKeyboardMarkup(
        [[again, b(t.continue_label, After.CONTINUE)], [new_prompt, *extend]]
    )
