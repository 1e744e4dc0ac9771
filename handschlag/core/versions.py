"""The content version: one number that changes whenever public content changes.

Pages cache their public fragments (promise cards, facts, blog teasers) under keys that
include CONTENT_VERSION (a context variable, with today's date, since "open" and deadlines
change with the day), so a fragment is never shown after what it shows changed. Each app
says which of its models feed public pages with `watch(Model)` in its AppConfig.ready();
every save or delete of those bumps the version. Writes that skip save() (QuerySet.update)
must call `bump()` themselves; the cache timeout bounds anything else that ages.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

KEY = "content-version"
FRAGMENT_SECONDS = 600


def content_version() -> str:
    version = cache.get(KEY)
    if version is None:
        version = timezone.now().timestamp()  # unique after a cache flush too
        cache.add(KEY, version, timeout=None)
        version = cache.get(KEY, version)
    return f"{version}-{timezone.localdate().isoformat()}"


def _new_version() -> None:
    cache.set(KEY, timezone.now().timestamp(), timeout=None)


def bump(**kwargs: Any) -> None:
    """Something public changed: every cached fragment is out of date. Bumped now and again
    when the transaction commits: a page rendered in between read the old rows but may have
    cached them under the new version."""
    _new_version()
    transaction.on_commit(_new_version)


def watch(model: type[models.Model], *, unless_only: frozenset[str] = frozenset()) -> None:
    """Bump the version on every save and delete of `model`, except saves that change only
    the fields in `unless_only` (e.g. a person's last login)."""

    def saved(sender: Any, update_fields: frozenset[str] | None = None, **kwargs: Any) -> None:
        if update_fields is not None and unless_only and set(update_fields) <= unless_only:
            return
        bump()

    uid = f"content-version:{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
