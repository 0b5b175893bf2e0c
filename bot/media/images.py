"""What a user's photo is, by its first bytes (a file name or MIME type can lie)."""


def sniff_image(data: bytes | bytearray) -> str | None:
    """The MIME type from the file's first bytes: JPEG, PNG or WebP, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None
