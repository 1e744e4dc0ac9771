"""Settings for the test suite: the project's one settings module, plus a test-only app.

`tests.kernel_app` plugs into every kernel registry the way a new feature app would, without
any edit to the kernel; tests/kernel/ uses it to show that the extension points hold.
"""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.kernel_app"]
