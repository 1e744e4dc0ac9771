from django.utils.functional import Promise as LazyText


class DomainError(Exception):
    """A business rule refused an operation; `message` is translated and safe to show."""

    def __init__(self, message: str | LazyText, *, code: str = "invalid") -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
