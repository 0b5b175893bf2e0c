"""Operator reports: /stats for ADMIN_USER_IDS. No telegram here."""

import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal

from bot.core.drafts import utc_day_start
from bot.core.errors import NotAdmin
from bot.media.chart import ChartDay
from storage import Database, DaySummary, ModelSummary, StarsDay, UserSummary


@dataclass(frozen=True, slots=True)
class Stats:
    """What /stats shows the operator."""

    days: list[DaySummary]
    users: list[UserSummary]
    running: int
    # Per ShortAPI model, the models that made jobs in the period, most jobs first.
    models: list[ModelSummary] = field(default_factory=list)
    # With payments on: Stars per day, and per day (oldest first) what came in and went out.
    stars: list[StarsDay] | None = None
    money: list[ChartDay] | None = None


class Reports:
    """Operator reports, for ADMIN_USER_IDS only."""

    def __init__(
        self, db: Database, admin_ids: frozenset[int], star_value: Decimal | None = None
    ) -> None:
        self._db = db
        self._admins = admin_ids
        # What a Star brings the operator (STAR_WITHDRAWAL_USD); None with payments off.
        self._star_value = star_value

    async def stats(self, user_id: int, days: int = 7) -> Stats:
        """Jobs, failures and spend per day, per model and per user over the last `days` UTC
        days."""
        if user_id not in self._admins:
            raise NotAdmin()
        today = utc_day_start(time.time())
        since = today - (days - 1) * 86400
        summary = await self._db.jobs.daily_summary(since)
        stats = Stats(
            days=summary,
            users=await self._db.jobs.user_summary(since),
            models=await self._db.jobs.model_summary(since),
            running=await self._db.jobs.count_running(),
        )
        if self._star_value is None:
            return stats
        stars = await self._db.ledger.days(since)
        spent = {d.day: d.spent for d in summary}
        came_in = {d.day: d.purchased - d.refunded for d in stars}
        money = []
        for n in range(days):
            day = datetime.fromtimestamp(since + n * 86400, UTC).date().isoformat()
            income = came_in.get(day, 0) * self._star_value
            money.append(ChartDay(day, income, spent.get(day, Decimal(0))))
        return replace(stats, stars=stars, money=money)
