"""GET /metrics of the real bot process, read as Prometheus reads it."""

import httpx
from prometheus_client.parser import text_string_to_metric_families

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(url: str) -> tuple[str, Samples]:
    """The exposition's text and its samples, as Prometheus parses them."""
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{url}/metrics")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=")
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(answer.text)
        for s in family.samples
    }
    return answer.text, samples


def value(samples: Samples, name: str, **labels: str) -> float:
    """One sample's value; a sample that is not exported fails the test (it is not 0)."""
    key = (name, tuple(sorted(labels.items())))
    assert key in samples, f"{name}{labels} is not exported"
    return samples[key]
