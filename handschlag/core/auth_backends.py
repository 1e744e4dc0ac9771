"""Authentication backends that leave the permissions defined with django-rules to rules.

Django's ModelBackend (and allauth's backend, which extends it) would otherwise load the
person's user and group permissions from the database on every page, just to say no to a
permission such as "moderation.view_queues" that only rules can grant. Model permissions (the
admin's "promises.change_promise") still go through them as before.
"""

from typing import Any

import rules
from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend


class _RulesPermissionsFirst:
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)  # type: ignore[misc]


class ModelPermissionBackend(_RulesPermissionsFirst, ModelBackend):
    pass


class EmailAuthenticationBackend(_RulesPermissionsFirst, AuthenticationBackend):
    pass
