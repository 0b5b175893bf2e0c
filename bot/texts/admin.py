"""The words the operators see, in their language: /stats, and the admin commands of Stars."""

from bot.core.reports import Stats
from bot.media.chart import ChartLabels
from bot.payments.service import Refund
from bot.texts.limits import fit
from bot.texts.words import Say, Words
from bot.veo import MODELS


class AdminWords(Words):
    """What the bot's admins read, in the language of `code`."""

    grant_usage = Say("grant-usage")
    refund_usage = Say("refund-usage")
    chart_title = Say("chart-title")

    def stats_text(self, stats: Stats) -> str:
        """The /stats report."""
        m, usd = self.message, self.usd
        lines = [m("stats-running", count=stats.running), "", m("stats-days")]
        lines += [f"{d.day}: {d.jobs} · {d.failed} · {usd(d.spent)}" for d in stats.days]
        if not stats.days:
            lines.append(m("stats-no-jobs"))
        if stats.models:
            lines += ["", m("stats-models")]
            lines += [
                f"{self.model_kind(s.model)}: {s.jobs} · {usd(s.spent)}" for s in stats.models
            ]
        if stats.money is not None and stats.stars is not None:
            lines += ["", m("stats-stars")]
            lines += [
                f"{d.day}: {d.purchased} · {d.refunded} · {d.spent} · {d.returned}"
                for d in stats.stars
            ]
            lines += ["", m("stats-money")]
            lines += [
                f"{d.day}: {usd(d.income_usd)} · {usd(d.spent_usd)} · "
                f"{usd(d.income_usd - d.spent_usd)}"
                for d in reversed(stats.money)
                if d.income_usd or d.spent_usd  # the chart shows the quiet days
            ]
        lines += ["", m("stats-users")]
        lines += [f"{u.name} ({u.user_id}): {u.jobs} · {usd(u.spent)}" for u in stats.users]
        return fit("\n".join(lines))

    def model_kind(self, model_id: str) -> str:
        """What a model makes ("from a photo"); the bare id of one this bot no longer declares
        (its jobs stay in the report's period)."""
        model = MODELS.get(model_id)
        return self.message(model.kind) if model is not None else model_id

    def chart_labels(self) -> ChartLabels:
        """The chart's legend and unit."""
        m = self.message
        return ChartLabels(
            income=m("chart-income"),
            spent=m("chart-spent"),
            margin=m("chart-margin"),
            unit=m("chart-unit"),
        )

    def granted(self, user_id: int, stars: int, balance: int) -> str:
        """The admin's answer to /grant."""
        return self.message(
            "granted", stars=self.stars(stars), user_id=str(user_id), balance=self.stars(balance)
        )

    def refunded(self, charge_id: str, refund: Refund) -> str:
        """The admin's answer to /refund."""
        return self.message(
            "refunded",
            stars=self.stars(refund.stars),
            charge=charge_id,
            user_id=str(refund.user_id),
            balance=self.stars(refund.balance),
        )

    def refund_notice(self, refund: Refund) -> str:
        """Told to the user whose payment was refunded."""
        return self.message(
            "refund-notice", stars=self.stars(refund.stars), balance=self.stars(refund.balance)
        )
