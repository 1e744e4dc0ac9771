"""Authentication backends that leave the permissions defined with django-rules to rules.

Django's ModelBackend (and allauth's backend, which extends it) would otherwise load the
person's user and group permissions from the database on every page, just to say no to a
permission such as "moderation.view_queues" that only rules can grant. Model permissions (the
admin's "promises.change_promise") still go through them as before.

Both also load the person of each request with the conditions of the navigation entries
feature apps registered (navigation.py), in the same query: the header asks none of its own.
"""

from typing import Any

import rules
from allauth.account.auth_backends import AuthenticationBackend
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .navigation import with_conditions


class _RulesPermissionsFirst:
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)  # type: ignore[misc]

    def get_user(self, user_id: Any) -> Any:
        """As ModelBackend.get_user, with the navigation's conditions read in the same query."""
        people = get_user_model()._default_manager
        try:
            user = with_conditions(people.all()).get(pk=user_id)
        except people.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None  # type: ignore[attr-defined]

    async def aget_user(self, user_id: Any) -> Any:
        return await sync_to_async(self.get_user)(user_id)


class ModelPermissionBackend(_RulesPermissionsFirst, ModelBackend):
    pass


class EmailAuthenticationBackend(_RulesPermissionsFirst, AuthenticationBackend):
    pass
