"""The pace of progress bars: a token bucket over a monotonic clock."""

from bot.telegram.pace import Pace


def test_the_pace_counts_each_second_once_whatever_order_the_callers_come_in():
    """Steps read the clock before an await and take their turn after it: a late caller with
    an earlier time must not make the same second's turns count again."""
    pace = Pace(10.0)
    taken = 0
    for step in range(1000):  # 10 s of callers, each of two seen out of order
        now = step / 100
        for seen in (now, now - 0.5):
            taken += pace.take(seen)
    assert taken <= 10 + 10 * 10 + 1
