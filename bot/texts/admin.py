"""The words the operators see: /stats, and the admin commands of Telegram Stars.

Behind bot.texts, the one door to user-facing text: import these from there.
"""

from bot.chart import ChartLabels
from bot.payments import Refund
from bot.reports import Stats
from bot.texts.words import fit, stars_label
from bot.veo.pricing import format_usd


def stats_text(stats: Stats) -> str:
    """The /stats report."""
    lines = [
        f"Jobs in the making now: {stats.running}",
        "",
        "Per day (UTC): jobs · failed · spent",
    ]
    lines += [f"{d.day}: {d.jobs} · {d.failed} · {format_usd(d.spent)}" for d in stats.days]
    if not stats.days:
        lines.append("no jobs in the last 7 days")
    if stats.money is not None and stats.stars is not None:
        lines += ["", "Stars per day (UTC): bought · refunded · spent on videos · returned"]
        lines += [
            f"{d.day}: {d.purchased} · {d.refunded} · {d.spent} · {d.returned}"
            for d in stats.stars
        ]
        lines += ["", "Money per day: Stars in (USD) · spent at ShortAPI · margin"]
        lines += [
            f"{m.day}: {format_usd(m.income_usd)} · {format_usd(m.spent_usd)} · "
            f"{format_usd(m.income_usd - m.spent_usd)}"
            for m in reversed(stats.money)
            if m.income_usd or m.spent_usd  # the chart shows the quiet days
        ]
    lines += ["", "Per user, last 7 days: jobs · spent"]
    lines += [f"{u.name} ({u.user_id}): {u.jobs} · {format_usd(u.spent)}" for u in stats.users]
    return fit("\n".join(lines))


GRANT_USAGE = "Usage: /grant <user_id> <stars>, with 1 to 1000000 Stars."
REFUND_USAGE = "Usage: /refund <telegram_payment_charge_id> [force]"


def granted(user_id: int, stars: int, balance: int) -> str:
    """The admin's answer to /grant."""
    return f"Granted {stars_label(stars)} to {user_id}; their balance is {stars_label(balance)}."


def refunded(charge_id: str, refund: Refund) -> str:
    """The admin's answer to /refund."""
    return (
        f"Refunded {stars_label(refund.stars)} of {charge_id} to {refund.user_id}; their balance "
        f"is {stars_label(refund.balance)}."
    )


def refund_notice(refund: Refund) -> str:
    """Told to the user whose payment was refunded."""
    return (
        f"↩️ {stars_label(refund.stars)} of your payment were refunded to you by Telegram. "
        f"Your balance here: {stars_label(refund.balance)}."
    )


CHART_LABELS = ChartLabels(
    income="Stars in (USD)", spent="Spent at ShortAPI", margin="Margin", unit="USD"
)
CHART_TITLE = "Money per day (UTC), last 7 days"
