"""The image's HEALTHCHECK: exit 0 when the bot's /healthz answers 200, else 1 with the reason.

/healthz is served by the public HTTP server (with PUBLIC_BASE_URL; blank counts as unset, as in
bot/config.py) and by the metrics server (METRICS_PORT above 0, unless METRICS=false). Without
either there is nothing to ask, and a bot that died has ended the container anyway, so the check
passes. Standard library only: it runs a fresh `python -I` every 30 s.
"""

import http.client
import os
import sys
import urllib.error
import urllib.request

# Under HEALTHCHECK --timeout=5s: answer before Docker gives up on the check itself.
TIMEOUT = 4.0


def health_url(env: dict[str, str]) -> str | None:
    """The /healthz URL the bot listens on, or None when neither of its servers is on."""
    if env.get("PUBLIC_BASE_URL", "").strip():
        return _url(env.get("WEB_HOST", ""), env.get("WEB_PORT", "").strip() or "8080")
    port = env.get("METRICS_PORT", "").strip()
    metrics = env.get("METRICS", "").strip().lower() not in ("false", "0", "no", "off")
    if metrics and port not in ("", "0"):
        return _url(env.get("METRICS_HOST", "").strip() or "127.0.0.1", port)
    return None


def _url(host: str, port: str) -> str:
    host = host.strip()
    if host in ("", "0.0.0.0", "::"):  # every address: loopback is one of them
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/healthz"


def main() -> int:
    """0 healthy, 1 unhealthy; one line saying why on stdout (docker inspect shows it)."""
    url = health_url(dict(os.environ))
    if url is None:
        print("no HTTP server (PUBLIC_BASE_URL and METRICS_PORT unset): nothing to check")
        return 0
    # No proxy: an HTTP_PROXY set for the bot's outgoing calls must not carry this one.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=TIMEOUT) as response:
            print(f"{response.status} {response.read(500).decode(errors='replace')}")
            return 0
    except urllib.error.HTTPError as exc:  # 503 says which part is wrong
        print(f"{url}: {exc.code} {exc.read(500).decode(errors='replace')}")
    # Refused, timed out, a garbled answer, or a malformed WEB_PORT.
    except (OSError, http.client.HTTPException, ValueError) as exc:
        print(f"{url}: {exc}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
