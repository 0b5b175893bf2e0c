"""File handling of the fake Telegram: uploads, resends by file_id, URLs and getFile."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import aiohttp

from ._tg_api import TelegramCore
from ._tg_model import (
    MAX_DOWNLOAD_BYTES,
    MAX_URL_BYTES,
    MAX_URL_DEFAULT,
    StoredFile,
    Upload,
    check_markup,
    image_ext,
    image_size,
    new_file,
    photo_sizes,
    usable_thumbnail,
)
from ._tg_request import UploadedFile, bad_request

# The largest file a --local server takes by its path.
LOCAL_FILE_BYTES = 2000 * 1024 * 1024
# The largest video Telegram's servers read the size and length of themselves.
PROBE_BYTES = 10 * 1024 * 1024


class TelegramFiles(TelegramCore):
    """Adds file storage and the media-sending methods to the Bot API core."""

    def _register(self, data: bytes, folder: str, ext: str, size: int | None = None) -> StoredFile:
        stored = new_file(data, folder, ext, size)
        self._files[stored.file_id] = stored
        return stored

    async def _fetch_url(self, url: str, kind: str) -> bytes:
        # The fake can only reach this machine; the real server would fetch any public URL.
        limit = MAX_URL_BYTES.get(kind, MAX_URL_DEFAULT)
        host = urlsplit(url).hostname or ""
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise bad_request("failed to get HTTP URL content")
        try:
            async with aiohttp.ClientSession() as session, session.get(url) as resp:
                if resp.status != 200:
                    raise bad_request("failed to get HTTP URL content")
                data = bytearray()
                async for chunk in resp.content.iter_chunked(256 * 1024):
                    data += chunk
                    if len(data) > limit:
                        raise bad_request("failed to get HTTP URL content")
        except aiohttp.ClientError as exc:
            raise bad_request("failed to get HTTP URL content") from exc
        return bytes(data)

    async def _media_source(
        self, kind: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> tuple[bytes, UploadedFile | None, StoredFile | None]:
        """(bytes, the upload if any, the known file if resent by file_id)."""
        value = params.get(kind)
        upload = files.get(kind)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
        if upload is not None:
            if upload.size == 0 or upload.data is None:
                raise bad_request("file must be non-empty")
            return upload.data, upload, None
        if not value:
            raise bad_request(f"there is no {kind} in the request")
        if _url(value):
            return await self._fetch_url(str(value), kind), None, None
        if self.local_mode and isinstance(value, str) and value.startswith("file://"):
            return _local_file(value), None, None
        known = self._files.get(str(value))
        if known is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return known.data, None, known

    @staticmethod
    def _thumbnail(params: dict[str, Any], files: dict[str, UploadedFile]) -> bytes | None:
        """The thumbnail uploaded with the file: under its own field or `attach://<name>`.
        A file_id or URL is no thumbnail: Telegram takes them only as new uploads."""
        value = params.get("thumbnail")
        upload = files.get("thumbnail")
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
        return upload.data if upload is not None and upload.data else None

    async def _cover(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> list[dict[str, Any]] | None:
        """sendVideo's `cover`, as the message's PhotoSizes: a photo's file_id, a URL or a new
        upload (`attach://<name>`)."""
        value = params.get("cover")
        if not value:
            return None
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
            if upload is None or not upload.data:
                raise bad_request("cover must be non-empty")
            data = upload.data
        elif _url(value):
            data = await self._fetch_url(str(value), "photo")
        else:
            known = self._files.get(str(value))
            if known is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            if known.folder != "photos":
                # A file_id names its kind; a document's is no photo (Telegram's words for
                # any file_id of another kind). Not confirmed for `cover` itself.
                raise bad_request("type of file mismatch")
            return photo_sizes([known], *(image_size(known.data) or (1280, 720)))
        stored = self._register(data, "photos", image_ext(data))
        return photo_sizes([stored], *(image_size(data) or (1280, 720)))

    async def _send_media(
        self, method: str, kind: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        chat_id = self._chat(params)
        data, upload, known = await self._media_source(kind, params, files)
        thumbnail = self._thumbnail(params, files) if kind != "photo" else None
        cover = await self._cover(params, files) if kind == "video" else None
        caption, caption_entities = self._text(params, "caption")
        markup = check_markup(params.get("reply_markup"))
        reply = self._reply_target(chat_id, params)
        filename = upload.filename if upload else None
        ctype = upload.content_type if upload else None
        if kind == "photo":
            small = known or self._register(data[: max(1, len(data) // 8)], "photos", "jpg")
            big = known or self._register(data, "photos", image_ext(data))
            w, h = image_size(data) or (1280, 720)
            media: Any = photo_sizes([small, big] if small is not big else [big], w, h)
            stored = big
        else:
            folder = "videos" if kind == "video" else "documents"
            ext = (filename or "").rsplit(".", 1)[-1] if "." in (filename or "") else "mp4"
            stored = known or self._register(data, folder, ext if kind != "video" else "mp4")
            media = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.size,
                "mime_type": ctype
                or ("video/mp4" if kind == "video" else "application/octet-stream"),
            }
            if filename:
                media["file_name"] = filename
            if thumbnail is not None and usable_thumbnail(thumbnail):
                # Telegram makes its own when it has none (the fake does not); one that breaks
                # the rules is not shown (the fake leaves it out; tests see it in the Upload).
                thumb = self._register(thumbnail, "photos", "jpg")
                media["thumbnail"] = photo_sizes([thumb], *(image_size(thumbnail) or (1, 1)))[0]
            if kind == "video":
                media.update(_video_meta(params, data))
                if cover is not None:
                    media["cover"] = cover
        message = self._store(
            chat_id,
            self.bot_user,
            {
                kind: media,
                "caption": caption,
                "caption_entities": caption_entities,
                "reply_markup": markup,
                "reply_to_message": reply,
            },
        )
        self._uploads.append(
            Upload(
                method=method,
                chat_id=chat_id,
                message_id=message["message_id"],
                data=data,
                filename=filename,
                content_type=ctype,
                caption=caption or None,
                reply_to_message_id=reply["message_id"] if reply else None,
                file_id=stored.file_id,
                resent=upload is None,
                thumbnail=thumbnail,
                url=_url(params.get(kind)),
            )
        )
        return message

    async def _api_getFile(self, params: dict[str, Any], files: dict) -> Any:
        stored = self._files.get(params.get("file_id", ""))
        if stored is None:
            raise bad_request("invalid file_id")
        if stored.size > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        if stored.file_path is None:
            self._file_counter += 1
            stored.file_path = f"{stored.folder}/file_{self._file_counter}.{stored.ext}"
            self._paths[stored.file_path] = stored
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "file_path": stored.file_path,
        }

    async def _api_sendVideo(self, params: dict[str, Any], files: dict) -> Any:
        return await self._send_media("sendVideo", "video", params, files)

    async def _api_sendDocument(self, params: dict[str, Any], files: dict) -> Any:
        return await self._send_media("sendDocument", "document", params, files)

    async def _api_sendPhoto(self, params: dict[str, Any], files: dict) -> Any:
        return await self._send_media("sendPhoto", "photo", params, files)


def _local_file(uri: str) -> bytes:
    """A file a --local server reads by its path; what it cannot read is a bad request."""
    path = Path(url2pathname(urlsplit(uri).path))
    try:
        if path.stat().st_size > LOCAL_FILE_BYTES:
            raise bad_request("file is too big")
        return path.read_bytes()
    except OSError as exc:
        raise bad_request("wrong file identifier/HTTP URL specified") from exc


def _url(value: object) -> str | None:
    """The value of a media field, if it is a URL for Telegram to fetch."""
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def _video_meta(params: dict[str, Any], data: bytes) -> dict[str, int]:
    """A video's width, height and duration, "as defined by the sender": what sendVideo
    declared, else what Telegram reads itself, only from a file of at most PROBE_BYTES (its
    Bot API maintainers: these parameters "aren't redundant and must be specified",
    tdlib/telegram-bot-api#127). Unknown is 0, as the Bot API shows it."""
    probed = _probe(data) if len(data) <= PROBE_BYTES else None
    width, height, duration = probed or (0, 0, 0)
    return {
        "width": int(params.get("width", width)),
        "height": int(params.get("height", height)),
        "duration": int(params.get("duration", duration)),
    }


def _probe(data: bytes) -> tuple[int, int, int] | None:
    """A video's width, height and whole seconds, as Telegram reads them; None if unreadable."""
    import io

    import av

    try:
        with av.open(io.BytesIO(data)) as container:
            stream = container.streams.video[0]
            seconds = float(stream.duration * stream.time_base) if stream.duration else 0.0
            return stream.codec_context.width, stream.codec_context.height, max(1, round(seconds))
    except (av.FFmpegError, IndexError, TypeError):
        return None
