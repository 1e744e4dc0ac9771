"""Issue #7 F3: failed logins were counted per worker process, so an attacker got many more
guesses than the limit, and anyone could lock anyone out of their account."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

import config.settings as project_settings
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def probe(attempts: int, cache_dir) -> list[bool]:
    env = {**os.environ, "DJANGO_CACHE_DIR": str(cache_dir)}
    env.pop("REDIS_URL", None)
    done = subprocess.run(  # noqa: S603 (our own module, a number as argument)
        [sys.executable, "-m", "tests.accounts.ratelimit_probe", str(attempts)],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_redis_the_cache_is_shared_by_all_processes():
    backend = project_settings.CACHES["default"]["BACKEND"]
    assert backend in (
        "django.core.cache.backends.filebased.FileBasedCache",
        "django.core.cache.backends.redis.RedisCache",
    )


def test_failed_logins_are_counted_across_processes(tmp_path):
    first = probe(3, tmp_path)  # one worker sees three wrong guesses …
    second = probe(3, tmp_path)  # … another worker counts on from there
    assert first == [True, True, True]
    assert second == [True, True, False]


@pytest.fixture
def anna():
    cache.clear()
    return factories.UserFactory(email="anna@example.org", password=PASSWORD)


def login(client, password, address):
    return client.post(
        reverse("account_login"),
        {"login": "anna@example.org", "password": password},
        REMOTE_ADDR=address,
    )


def test_guesses_from_elsewhere_do_not_lock_the_owner_out(client, anna):
    for _ in range(8):
        login(client, "falsch", "198.51.100.66")
    refused = login(client, PASSWORD, "198.51.100.66")
    assert refused.status_code == 200  # the attacker's address is blocked, even when right
    assert "_auth_user_id" not in client.session

    owner = login(client, PASSWORD, "203.0.113.5")
    assert owner.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)
