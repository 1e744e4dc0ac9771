"""Settings for the test suite: the project's one settings module, plus a test-only app.

`tests.kernel_app` plugs into every kernel registry the way a new feature app would, without
any edit to the kernel; tests/kernel/ uses it to show that the extension points hold.
"""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.kernel_app"]

# Each test process keeps its own cache, so one test's rate-limit counts never reach another
# (the shared file cache of config.settings is tested in tests/accounts/test_rate_limits.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "code": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "code"},
}
