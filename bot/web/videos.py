"""GET /v/<token>.mp4: a video the bot kept because it was too big for Telegram
(bot/jobs/kept.py), served with its length and byte ranges (phones' players and download
managers ask for ranges). An unknown, malformed or expired name is a bare 404.
"""

from aiohttp import web

from bot.jobs.kept import KeptVideos

VIDEO_PATH = "/v/{name}"


class VideoFiles:
    """The route's handler over the kept videos' directory."""

    def __init__(self, kept: KeptVideos) -> None:
        self._kept = kept

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """The file (200, or 206 for a Range), or 404."""
        path = self._kept.find(request.match_info["name"])
        if path is None:
            raise web.HTTPNotFound()
        # FileResponse answers Range (206), If-Range and HEAD, streams from disk, and answers
        # 404 itself if the file is swept between the lookup and the first byte.
        return web.FileResponse(
            path,
            headers={
                "Content-Type": "video/mp4",
                "Content-Disposition": 'inline; filename="video.mp4"',
                "Cache-Control": "private, no-transform",
                "X-Content-Type-Options": "nosniff",
            },
        )
