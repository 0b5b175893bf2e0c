"""Telegram Stars: /balance, /buy and its invoices, the checkout, the payment, a refund Telegram
reports, and the admins' /grant and /refund. Registered only when STARS_PER_USD is above 0."""

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, PreCheckoutQuery, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    PreCheckoutQueryHandler,
    filters,
)

from bot import texts
from bot.core.errors import CheckoutRefused, StarsShort, UserError
from bot.handlers import services, show_started, words
from bot.payments.invoices import PackPayload, VideoPayload, encode_payload
from bot.telegram.callback_data import BuyButton, decode_buy
from bot.telegram.calls import answer_press, retrying
from bot.telegram.payments import send_invoice

log = logging.getLogger(__name__)

# Telegram's user ids are positive and fit in 52 bits; /grant takes no other.
MAX_USER_ID = 2**52 - 1


async def on_balance(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The balance and the latest movements of the user's Stars."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    account = await services(context).payments.account(user.id)
    await message.reply_text((await words(update, context)).balance_text(account))


async def on_buy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One button per pack of STAR_PACKS."""
    message = update.effective_message
    assert message is not None
    svc, t = services(context), await words(update, context)
    buttons = [
        [InlineKeyboardButton(t.stars(p), callback_data=BuyButton(p).encode())]
        for p in svc.payments.packs
    ]
    await message.reply_text(
        t.buy_text(svc.drafts.pricing, svc.drafts.model),
        reply_markup=InlineKeyboardMarkup(buttons),
    )


async def on_buy_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pack's button: the invoice for that pack."""
    query = update.callback_query
    assert query is not None and query.message is not None
    press = decode_buy(query.data)
    t = await words(update, context)
    if press is None or press.stars not in services(context).payments.packs:
        await answer_press(query, t.stale_button)
        return
    await answer_press(query)
    await send_invoice(
        context.bot,
        query.message.chat.id,
        title=t.pack_title(press.stars),
        description=t.pack_description(press.stars),
        payload=encode_payload(PackPayload(press.stars)),
        stars=press.stars,
    )


async def send_video_invoice(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    reply_to: int,
    short: StarsShort,
    t: texts.Texts,
) -> None:
    """The invoice for exactly the Stars a Generate was short of; paying it starts the video."""
    await send_invoice(
        context.bot,
        chat_id,
        title=t.video_invoice_title(short.prompt),
        description=t.video_invoice_description(short),
        payload=encode_payload(VideoPayload(short.draft_id, short.price, short.missing)),
        stars=short.missing,
        reply_to=reply_to,
    )


async def on_pre_checkout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram waits 10 s for this answer: yes only for an invoice still valid as it is."""
    query = update.pre_checkout_query
    assert query is not None
    try:
        await services(context).payments.check_checkout(
            query.from_user.id, query.invoice_payload, query.currency, query.total_amount
        )
    except CheckoutRefused as exc:
        t = await words(update, context)
        await _answer_checkout(query, ok=False, error_message=t.checkout_refused(exc))
        return
    await _answer_checkout(query, ok=True)


async def _answer_checkout(query: PreCheckoutQuery, **answer: Any) -> None:
    try:
        await query.answer(**answer)
    except BadRequest as exc:
        # Handled again after a crash (bot/telegram/inbox.py), past Telegram's 10 s: the
        # checkout has ended without a payment, and nothing was charged.
        log.info("pre-checkout query %s not answered: %s", query.id, exc)


async def on_successful_payment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Credit the payment once per charge id; a video's invoice starts that video."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None and message.successful_payment is not None
    paid = message.successful_payment
    payment, started = await services(context).generate.payment(
        user.id, paid.telegram_payment_charge_id, paid.invoice_payload, paid.total_amount
    )
    video, t = payment.video, await words(update, context)
    if started is not None:
        answer = message.reply_text(t.paid_video_started(payment, started.job))
        await show_started(context, started, answer)
        return
    if not payment.credited:
        return  # the same payment again: it was answered when it was counted
    refusal = video.refusal if video is not None else None
    await message.reply_text(t.paid_text(payment, refusal))


async def on_refunded_payment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram refunded a payment (the bot's /refund, the user's dispute, or the bot's owner
    in another client): its Stars leave the balance at once, counted once per charge id."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None and message.refunded_payment is not None
    refunded = message.refunded_payment
    refund = await services(context).payments.refunded(
        user.id, refunded.telegram_payment_charge_id, refunded.total_amount
    )
    if not refund.counted_now:
        return  # counted before by /refund or reconciliation, and the user told then
    await message.reply_text((await words(update, context)).refund_notice(refund))


async def on_paysupport(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram's terms for Stars ask every bot that sells to answer /paysupport."""
    if update.effective_message:
        svc, t = services(context), await words(update, context)
        text = svc.payments.support_text
        if not text:
            text = t.paysupport_default(await svc.operators.usernames())
        await update.effective_message.reply_text(text)


async def on_terms(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The operator's terms of service (TERMS_TEXT), or, without them, that there are none,
    where a user's photo and prompt go, and whom to ask."""
    if update.effective_message:
        svc = services(context)
        text = svc.payments.terms_text
        if not text:
            t = await words(update, context)
            text = t.terms_default(await svc.operators.usernames())
        await update.effective_message.reply_text(text)


async def on_grant(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/grant <user_id> <stars>: an admin credits a user, once per command message."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    args, t = context.args or [], await words(update, context)
    if len(args) != 2 or not all(a.isascii() and a.isdigit() for a in args):
        await message.reply_text(t.grant_usage)
        return
    target, stars = int(args[0]), int(args[1])
    if not 1 <= target <= MAX_USER_ID or not 1 <= stars <= 1_000_000:
        await message.reply_text(t.grant_usage)
        return
    try:
        balance = await services(context).payments.grant(
            user.id, target, stars, f"{message.chat_id}:{message.message_id}"
        )
    except UserError as exc:
        await message.reply_text(t.user_error(exc))
        return
    await message.reply_text(t.granted(target, stars, balance))


async def on_refund(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/refund <telegram_payment_charge_id> [force]: pay a payment back, once."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    args, t = context.args or [], await words(update, context)
    force = len(args) == 2 and args[1].lower() == "force"
    if not args or len(args) > 2 or (len(args) == 2 and not force):
        await message.reply_text(t.refund_usage)
        return
    try:
        refund = await services(context).payments.refund(user.id, args[0], force=force)
    except UserError as exc:
        await message.reply_text(t.user_error(exc))
        return
    await message.reply_text(t.refunded(args[0], refund))
    if not refund.counted_now:
        return
    # In the language of the user paid back, not the admin's.
    notice = (await services(context).languages.words(refund.user_id)).refund_notice(refund)
    try:
        await retrying(lambda: context.bot.send_message(refund.user_id, notice))
    except TelegramError as exc:
        log.info("could not tell user %s of a refund: %s", refund.user_id, exc)


def add_payment_handlers(app: Application) -> None:
    """Register the payment commands and updates (bot/app.py calls it with payments on)."""
    app.add_handler(CommandHandler("balance", on_balance))
    app.add_handler(CommandHandler("buy", on_buy))
    app.add_handler(CommandHandler("paysupport", on_paysupport))
    app.add_handler(CommandHandler("grant", on_grant))
    app.add_handler(CommandHandler("refund", on_refund))
    app.add_handler(PreCheckoutQueryHandler(on_pre_checkout))
    app.add_handler(MessageHandler(filters.SUCCESSFUL_PAYMENT, on_successful_payment))
    app.add_handler(MessageHandler(filters.StatusUpdate.REFUNDED_PAYMENT, on_refunded_payment))
