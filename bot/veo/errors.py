"""Errors of the ShortAPI boundary, one small tree (after anthropic-sdk-python's _exceptions)."""


class ShortAPIError(Exception):
    """Base of every error the ShortAPI client raises."""

    @property
    def final(self) -> bool:
        """Whether the answer says the job is unknown or the request wrong, so that asking
        again cannot help; timeouts, network errors and malformed answers are not final.
        """
        return False


def _final_code(code: int) -> bool:
    # A 4xx, but not 401/403 (the key, which the operator can put right), 408 or 429.
    return 400 <= code < 500 and code not in (401, 403, 408, 429)


class APIConnectionError(ShortAPIError):
    """The request did not complete. `request_sent` says whether the server may have got it."""

    def __init__(self, message: str, *, request_sent: bool) -> None:
        super().__init__(message)
        self.request_sent = request_sent


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class APIStatusError(ShortAPIError):
    """The server answered with an HTTP error status."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(f"HTTP {status_code}: {message}")
        self.status_code = status_code
        self.message = message

    @property
    def retryable(self) -> bool:
        """429 and 5xx are worth another try (for safe calls only)."""
        return self.status_code == 429 or self.status_code >= 500

    @property
    def final(self) -> bool:
        """A 4xx other than 401, 403, 408 and 429."""
        return _final_code(self.status_code)


class APICodeError(ShortAPIError):
    """The API answered `code != 0`: it refused the request and said why."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"code {code}: {message}")
        self.code = code
        self.message = message

    @property
    def final(self) -> bool:
        """The envelope's code, read as an HTTP status (the API uses 400, 404, ...)."""
        return _final_code(self.code)


class APIResponseError(ShortAPIError):
    """The answer was not the documented JSON envelope."""
