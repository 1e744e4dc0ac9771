"""Background work on needs: the nightly matching run, matching on demand, closing past needs.

`manage.py match_needs` runs `nightly_matching` now (cron: nightly), like `expire_promises`.
"""

from __future__ import annotations

from django_tasks import task

from . import matching, services
from .models import Need


@task()
def nightly_matching() -> dict[str, int]:
    """Close needs whose date has passed, then match all open needs and promises."""
    closed = services.close_past_needs()
    result = matching.nightly()
    return {
        "closed": closed,
        "proposed": len(result.proposed),
        "expired": result.expired,
        "needs": result.needs,
        "promises": result.promises,
    }


@task()
def match_need(need_id: int) -> int:
    """A need was published: look for its best promise now, not only tonight."""
    need = Need.objects.select_related("municipality").filter(pk=need_id).first()
    return len(matching.for_need(need).proposed) if need else 0


@task()
def match_promise(promise_id: int) -> int:
    """A promise was published: propose it to the needs it suits best."""
    from handschlag.promises.models import Promise

    promise = Promise.objects.select_related("municipality").filter(pk=promise_id).first()
    return len(matching.for_promise(promise).proposed) if promise else 0
