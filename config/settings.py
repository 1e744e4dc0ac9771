"""One settings module, driven by environment variables.

Development needs no variables at all. Production sets at least DJANGO_SECRET_KEY,
DJANGO_DEBUG=0, DJANGO_ALLOWED_HOSTS and DATABASE_URL; see README.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production" * 2)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Before allauth, so that our templates for its pages (account/, allauth/layouts/) win.
    "handschlag.accounts",
    "allauth",
    "allauth.account",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",  # serves its own Swagger UI files instead of loading them from a CDN
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    # Kernel first, then feature apps: each app's ready() registers with the kernel's
    # registries, and the personal-data registry erases in reverse order (features first).
    "handschlag.core",
    "handschlag.audit",
    "handschlag.places",
    "handschlag.organisations",
    "handschlag.notifications",
    "handschlag.moderation",
    "handschlag.conversations",
    "handschlag.promises",
    "handschlag.mentoring",
    "handschlag.blog",
    "handschlag.needs",
    "handschlag.events",
    "handschlag.measures",
    "handschlag.assessment",
    "handschlag.directory",
    "handschlag.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "handschlag.core.context_processors.site",
                "handschlag.notifications.context_processors.unread_count",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for the lock instead of failing at once; IMMEDIATE makes every atomic
    # block take the write lock up front, so concurrent guarded updates serialise cleanly.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process: rate limits (failed logins) must be counted across all
# gunicorn workers. Redis when REDIS_URL is set (several machines); else files under var/cache,
# which the processes of one machine share.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        }
    ),
    # Fragments that depend only on the code and the language (header, footer, the head's
    # links): each process keeps its own copy, which a deploy (new processes) renews.
    "code": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "code-fragments",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "handschlag.core.auth_backends.ModelPermissionBackend",
    "handschlag.core.auth_backends.EmailAuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "promises:mine"
LOGOUT_REDIRECT_URL = "home"

# allauth: email is the login, verification is mandatory, attempts are rate limited.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "handschlag.accounts.forms.SignupForm"
# The signup form itself: as fast for a taken address as for a new one (no enumeration
# by timing).
ACCOUNT_FORMS = {"signup": "handschlag.accounts.signup.SignupForm"}
# Failed logins: 10 a minute per client address, and 5 in 5 minutes per address and account
# (accounts/adapter.py puts the address into the key), so an attacker elsewhere cannot lock a
# person out of their own account. Behind a reverse proxy, say how to find the client address:
# DJANGO_TRUSTED_PROXY_COUNT proxies append to X-Forwarded-For, or DJANGO_CLIENT_IP_HEADER
# names a header the proxy sets (e.g. X-Real-IP); without either, REMOTE_ADDR is used.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_ADAPTER = "handschlag.accounts.adapter.AccountAdapter"
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("DJANGO_CLIENT_IP_HEADER") or None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Handschlag] "

LANGUAGE_CODE = "de"
# German first (the source and default), English complete, then the newcomer languages: the
# public pages, the newcomer-facing pages of every part and the emails to newcomers
# (handschlag/core/newcomer.py says which); staff-only pages may stay German/English there.
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("English")),
    ("ar", _("Arabisch")),
    ("uk", _("Ukrainisch")),
    ("fa", _("Persisch (Farsi)")),
    ("tr", _("Türkisch")),
    ("ru", _("Russisch")),
]
# The language someone chose in the header's switcher, kept for a year in Django's language
# cookie (only the code: no account needed, nothing else in it; see the privacy page).
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
# The second holds allauth's German in "Sie" (see its django.po).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "handschlag.core.storage.StaticFilesStorage"
        )
    },
}
# Report photos: at most 5 per report, each at most 8 MB before re-encoding.
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Handschlag <noreply@handschlag.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background tasks: in-process in development and tests; the database queue
# (`manage.py db_worker`, any number of workers) in production.
# Machine translation of the newcomer portal's missing sections (directory/machine.py):
# "" (none), "libretranslate", "deepl" or a dotted path to a backend class.
DIRECTORY_MT_BACKEND = env("DIRECTORY_MT_BACKEND", "")
DIRECTORY_MT_URL = env("DIRECTORY_MT_URL", "")
DIRECTORY_MT_KEY = env("DIRECTORY_MT_KEY", "")

TASKS = {
    "default": {
        "BACKEND": env("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Security: everything `check --deploy` asks for, switched on outside DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# How many days before the deadline a promiser is warned.
PROMISE_EXPIRY_WARNING_DAYS = 7
# How long unverified accounts and read notifications are kept.
RETENTION_UNVERIFIED_ACCOUNT_DAYS = 30
RETENTION_READ_NOTIFICATIONS_DAYS = 180
# a thread whose redemption has ended, quiet this long, is deleted (conversations.privacy)
RETENTION_CONVERSATION_DAYS = 730

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every layout step of every PDF at INFO
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Django 5 renders aria-describedby/aria-invalid for fields itself; our field template adds
# ids matching its "<id>_helptext" / "<id>_error" convention.
FORM_RENDERER = "django.forms.renderers.DjangoTemplates"

# Media behind a permission check, and the Content-Security-Policy (issue #7 F10).
# Every /media/ request asks the media area its app registered (handschlag/core/media.py);
# with MEDIA_ACCEL_REDIRECT_PREFIX set (nginx: "/protected-media/", an `internal` location),
# Django only decides and the web server sends the file (README "Media").
MEDIA_ACCEL_REDIRECT_PREFIX = env("DJANGO_MEDIA_ACCEL_REDIRECT_PREFIX")
# Maps of offers (handschlag/core/maps.py, README "Maps and readability"): Leaflet from our
# own static files, tiles from this server, e.g. "https://tiles.example.org/{z}/{x}/{y}.png"
# ("{s}." allowed at the start of the host). Empty: no map anywhere, the lists alone. The
# attribution is plain text (the tile server's licence asks for it), linked to
# MAP_TILE_ATTRIBUTION_URL if set.
MAP_TILE_URL = env("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION")
MAP_TILE_ATTRIBUTION_URL = env("MAP_TILE_ATTRIBUTION_URL")

# Scripts and styles only from our own files; an inline <script> needs
# nonce="{{ request.csp_nonce }}". Images may be data: URIs (the API docs' icons), and come
# from the map's tile server when one is set. Leaflet positions its panes and markers through
# element.style (CSSOM), which style-src 'self' allows; it writes no style attribute.
from csp.constants import NONCE  # noqa: E402  (kept with the policy it belongs to)

from handschlag.core.maps import tile_image_sources  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *tile_image_sources(MAP_TILE_URL)],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
