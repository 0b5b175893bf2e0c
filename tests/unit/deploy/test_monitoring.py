"""The monitoring beside /metrics: the Prometheus alert rules pass promtool's check and their own
unit tests, and the Grafana dashboard loads, queries only what the bot exports, shows each of
its metrics, and every panel's query parses (promtool checks it written as a recording rule).

promtool comes with Debian's `prometheus` package (.ci/run installs it): without it these tests
skip, but fail on CI (CI=true), as the PostgreSQL ones do, so that CI never passes them unrun.
"""

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import REGISTRY

from bot.ops import metrics
from bot.veo import MODELS
from tests.unit.deploy.files import DEPLOY

RULES = DEPLOY / "prometheus" / "veo-photo-bot.rules.yml"
RULE_TESTS = DEPLOY / "prometheus" / "veo-photo-bot.rules.test.yml"
DASHBOARD = DEPLOY / "grafana" / "veo-photo-bot.json"
PROMTOOL_MISSING = "promtool not found: install Debian's prometheus package"
# What Grafana puts in place of its variables, for promtool: any valid value will do.
GRAFANA_VARIABLES = {
    "$__rate_interval": "2m",
    "$__interval": "1m",
    "$__range": "1d",
    "$job": ".+",
}
# The issue's list: what the dashboard must show (Stars have no metrics yet).
DASHBOARD_METRICS = [
    "veo_jobs_created_total",
    "veo_jobs_finished_total",
    "veo_jobs_in_flight",
    "veo_spend_usd_total",
    "veo_daily_budget_usd",
    "veo_delivery_delay_seconds_bucket",
    "veo_telegram_errors_total",
    "veo_shortapi_requests_total",
]
# The issue's list: a bot that is down, jobs failing, spend near the cap, ShortAPI refusing the
# key, deliveries failing.
ALERTS = [
    "VeoBotDown",
    "VeoJobsFailing",
    "VeoSpendNearDailyCap",
    "VeoShortAPIKeyRefused",
    "VeoDeliveriesFailing",
]


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_promtool() -> str:
    """promtool's path; skips the test without it (fails it on CI)."""
    path = shutil.which("promtool")
    if path is None:
        if on_ci():
            pytest.fail(PROMTOOL_MISSING, pytrace=False)
        pytest.skip(PROMTOOL_MISSING)
    return path


def promtool(*args: str | Path) -> str:
    """Run promtool; its output, or the test fails with it."""
    done = subprocess.run(
        [find_promtool(), *map(str, args)], capture_output=True, text=True, timeout=120
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


def exported() -> set[str]:
    """Every sample name the bot's registry exports (all its label sets exist from the start:
    the jobs' metrics, per model, once the bot has declared its models, as it does at start)."""
    metrics.declare_models(MODELS)
    return {sample.name for family in REGISTRY.collect() for sample in family.samples}


def veo_names(text: str) -> set[str]:
    return set(re.findall(r"\bveo_[a-z_]+[a-z]\b", text))


def dashboard() -> dict[str, Any]:
    return json.loads(DASHBOARD.read_text())


def panels(board: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every panel, those inside collapsed rows included."""
    for panel in board["panels"]:
        yield panel
        yield from panel.get("panels", [])


def queries(board: dict[str, Any]) -> dict[str, str]:
    """Every panel's queries, each by a name that says where it is (panel id, refId)."""
    return {
        f"panel{panel['id']}_{target['refId']}": target["expr"]
        for panel in panels(board)
        for target in panel.get("targets", [])
    }


def alert_blocks() -> dict[str, str]:
    """Each alert's name and its text in the rules file, up to the next rule."""
    blocks = re.split(r"^\s*- (?=alert: )", RULES.read_text(), flags=re.M)[1:]
    return {re.match(r"alert: (\w+)", block)[1]: block for block in blocks}


# The rules


def test_the_alert_rules_pass_promtools_check():
    output = promtool("check", "rules", RULES)
    assert f"SUCCESS: {len(alert_blocks())} rules found" in output, output


def test_each_alert_fires_on_its_series_and_not_on_healthy_ones():
    # The unit tests list, at each eval_time, every alert of that name that fires: the healthy
    # series given beside the failing ones must not appear.
    promtool("test", "rules", RULE_TESTS)


def test_the_issues_alerts_are_there_each_with_a_unit_test():
    names = alert_blocks()
    assert set(ALERTS) <= set(names)
    tested = set(re.findall(r"^\s*alertname: (\w+)$", RULE_TESTS.read_text(), flags=re.M))
    assert tested == set(names)


def test_each_alert_waits_is_graded_and_tells_the_operator_what_to_do():
    for name, block in alert_blocks().items():
        assert re.search(r"^\s*for: \d+m$", block, flags=re.M), name
        assert re.search(r"^\s*severity: (critical|warning)$", block, flags=re.M), name
        assert "summary:" in block, name
        assert "description:" in block, name


def test_the_rules_use_only_metrics_the_bot_exports():
    # A misspelled name is no error to Prometheus: the alert would just never fire.
    names = veo_names(RULES.read_text())
    assert names
    assert names <= exported(), names - exported()


# The dashboard


def test_the_dashboard_shows_what_the_issue_lists_and_every_metric_of_the_bot():
    used = veo_names("\n".join(queries(dashboard()).values()))
    assert set(DASHBOARD_METRICS) <= used, set(DASHBOARD_METRICS) - used
    # A metric added to bot/ops/metrics.py gets a panel too.
    families = {f.name for f in REGISTRY.collect() if f.name.startswith("veo_")}
    unshown = {f for f in families if not any(name.startswith(f) for name in used)}
    assert not unshown
    assert used <= exported(), used - exported()


def test_each_panel_query_parses(tmp_path):
    rules = [
        {"record": f"veo_dashboard:{where}", "expr": expr}
        for where, expr in queries(dashboard()).items()
    ]
    for rule in rules:
        for variable, value in GRAFANA_VARIABLES.items():
            rule["expr"] = rule["expr"].replace(variable, value)
        assert "$" not in rule["expr"], rule
    # JSON is YAML: promtool reads it as a rules file.
    path = tmp_path / "dashboard.rules.yml"
    path.write_text(json.dumps({"groups": [{"name": "dashboard", "rules": rules}]}))
    assert f"SUCCESS: {len(rules)} rules found" in promtool("check", "rules", path)


def test_the_dashboard_imports_anywhere():
    board = dashboard()
    assert board["schemaVersion"] >= 36
    assert board["uid"] and board.get("id") is None
    variables = {v["name"]: v for v in board["templating"]["list"]}
    assert variables["DS_PROMETHEUS"]["type"] == "datasource"
    assert variables["DS_PROMETHEUS"]["query"] == "prometheus"
    source = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
    ids = []
    for panel in panels(board):
        ids.append(panel["id"])
        grid = panel["gridPos"]
        assert grid["x"] >= 0 and grid["x"] + grid["w"] <= 24, panel["title"]
        if panel["type"] != "row":
            assert panel["datasource"] == source, panel["title"]
            assert panel["targets"], panel["title"]
            assert all(t["datasource"] == source for t in panel["targets"]), panel["title"]
    assert len(ids) == len(set(ids))


# Without promtool


def test_without_promtool_the_tests_skip_here_but_fail_on_ci(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="promtool not found"):
        find_promtool()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="promtool not found"):
        find_promtool()
