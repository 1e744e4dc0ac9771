"""One process of the rate-limit test: with the project's settings (not the tests'), count
failed logins for one account and address, and print whether each was still allowed."""

import json
import os
import sys

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
django.setup()

from allauth.account.adapter import get_adapter  # noqa: E402
from django.test import RequestFactory  # noqa: E402


def main() -> None:
    attempts = int(sys.argv[1])
    request = RequestFactory().post("/konto/login/", REMOTE_ADDR="203.0.113.7")
    adapter = get_adapter(request)
    allowed = []
    for _ in range(attempts):
        try:
            adapter.pre_authenticate(request, email="anna@example.org", password="falsch")
            allowed.append(True)
        except Exception:  # the limit's ValidationError
            allowed.append(False)
    print(json.dumps(allowed))


if __name__ == "__main__":
    main()
