"""The rounds part's registrations with the kernel (notification kinds, audit verbs, personal
data, page sections)."""


def ready() -> None:
    pass
