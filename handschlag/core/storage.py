"""Static files in production: whitenoise's compressed, hashed files, with each URL worked out
once per process (the manifest cannot change while a process runs, and a page asks for the
same few URLs on every request)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cached_url = lru_cache(maxsize=512)(super().url)

    def url(self, name: str | None, force: bool = False) -> str:
        if force:  # collectstatic's own lookups, while the manifest is being written
            return super().url(name, force=True)
        return self._cached_url(name)
