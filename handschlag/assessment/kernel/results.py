"""Kernel registrations of the results part."""


def ready() -> None:
    """Register audit verbs, notification kinds, personal data and media areas of this part."""
