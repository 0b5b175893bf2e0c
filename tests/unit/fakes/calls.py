"""What the tests of the fakes share besides fixtures: Ann's id, a PNG's first bytes, and
calls to the fake ShortAPI through httpx."""

from typing import Any

import httpx

USER_ID = 111  # Ann's: the tests of the fakes name her USER_ID too
PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
)
KEY = "sk-test-key-0123456789"
MODEL = "google/veo-3.1/image-to-video"
IMAGE = "data:image/png;base64,iVBORw0KGgo="


def body(**args: Any) -> dict[str, Any]:
    """A create call's body for the seed model, with these args over the defaults."""
    return {"model": MODEL, "args": {"mode": "fast", "prompt": "waves", "image": IMAGE, **args}}


async def create(http: httpx.AsyncClient, payload: dict[str, Any]) -> dict[str, Any]:
    """POST a create call; its envelope (asserting a 200)."""
    r = await http.post("/api/v1/job/create", json=payload)
    assert r.status_code == 200
    return r.json()


async def query(http: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    """The query call's envelope for a job."""
    return (await http.get("/api/v1/job/query", params={"id": job_id})).json()
