"""A machine translation backend for tests: marks each text with its target language, and
records what it was asked."""

from collections.abc import Sequence


class TaggingBackend:
    languages = frozenset({"en", "ar", "uk", "tr", "ru"})  # no Farsi, like DeepL
    calls: list[tuple[str, tuple[str, ...]]] = []

    def __init__(self, url: str = "", key: str = "") -> None:
        pass

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        assert source == "de"
        TaggingBackend.calls.append((target, tuple(texts)))
        return [f"[{target}] {text}" for text in texts]
