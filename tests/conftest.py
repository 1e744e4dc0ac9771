import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests import factories

# Tests never assert wall-clock time: on a loaded CI machine Hypothesis' default 200 ms deadline
# per example failed tests that were right.
hypothesis_settings.register_profile("handschlag", deadline=None)
hypothesis_settings.load_profile("handschlag")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Production keeps Django's PBKDF2 default; hashing every factory user with it made the suite
    # spend most of its time in set_password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _german(settings):
    settings.LANGUAGE_CODE = "de"


@pytest.fixture
def user(db):
    return factories.UserFactory()


@pytest.fixture
def moderator(db):
    return factories.ModeratorFactory()


@pytest.fixture
def municipality(db):
    return factories.MunicipalityFactory(name="Sonneberg", slug="sonneberg", ags="16072017")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached fragments and rate-limit counts of one test never reach the next."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
