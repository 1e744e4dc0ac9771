"""Personal data: each app registers how to export and how to erase what it keeps about a person.

`export(user)` returns a JSON-ready dict (dates may stay Python objects; the caller serialises
with DjangoJSONEncoder) and appears in the export under the handler's key. `erase(user)` runs
inside the deletion's transaction, before the account row is anonymised, and goes through the
app's own services, so their locks and rules hold (a redemption that held capacity gives it
back, the people affected are told). Export runs in registration order; erase in reverse
order: kernel apps register before feature apps, so feature apps erase first, while the
memberships that the organisations handler removes still exist. `purge(now)` enforces the app's
retention periods (run daily) and returns how many rows it removed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from handschlag.core.registry import Registry

if TYPE_CHECKING:
    from .models import User


@dataclass(frozen=True)
class PersonalDataHandler:
    key: str
    export: Callable[[User], dict[str, Any]]
    erase: Callable[[User], None] | None = None
    purge: Callable[[datetime.datetime], int] | None = None


class PersonalDataRegistry(Registry[PersonalDataHandler]):
    def register_app(
        self,
        key: str,
        *,
        export: Callable[[User], dict[str, Any]],
        erase: Callable[[User], None] | None = None,
        purge: Callable[[datetime.datetime], int] | None = None,
    ) -> PersonalDataHandler:
        return self.register(PersonalDataHandler(key, export, erase, purge))


personal_data = PersonalDataRegistry("personal data")
