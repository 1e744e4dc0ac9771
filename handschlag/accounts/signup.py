"""allauth's signup form, answering as fast for a taken address as for a new one."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest


class SignupForm(AllauthSignupForm):
    def try_save(self, request: HttpRequest) -> Any:
        """For an address that already has an account allauth only sends a mail, while a new
        account hashes its password (a quarter of a second): that difference told anyone
        which addresses have accounts. Hash the password here too and throw it away."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
