"""Building a statement's `$n` placeholders together with its arguments."""

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit


class Args:
    """Collects arguments in order and names each by its placeholder.

    `a = Args(); f"... WHERE id = {a(job_id)} AND status IN ({a.many(statuses)})"`, then
    `db.fetch(sql, *a.values)`: placeholders and values cannot drift apart.
    """

    def __init__(self) -> None:
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        """The placeholder of one more argument."""
        self.values.append(value)
        return f"${len(self.values)}"

    def many(self, values: Iterable[Any]) -> str:
        """The placeholders of several arguments, for an IN list (sorted: stable SQL)."""
        return ", ".join(self(v) for v in sorted(values))


def redact_url(url: str) -> str:
    """The URL with its password replaced by ***, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[2]}"))
