"""Kettle's one settings module. Every knob is a KETTLE_* environment variable with a
safe default for a laptop; the README lists them all."""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_SECRET_KEY = "kettle-insecure-development-key-change-me"


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"KETTLE_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "")
    if value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
TESTING = "pytest" in sys.modules or env_bool("TESTING", False)
DATA_DIR = Path(env("DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env("SECRET_KEY", DEFAULT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "KETTLE_SECRET_KEY must be set to a long random value when KETTLE_DEBUG is off. "
        "Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

# `kettle bench run` serves a hello-world page beside the real ones, to measure the stack's fixed cost.
BENCH = env_bool("BENCH", False)

SITE_NAME = env("SITE_NAME", "Kettle")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
COUNTRY = env("COUNTRY", "GB").upper()  # places here come first in the place picker
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "kettle.core",
    "kettle.accounts",
    "kettle.social",
    "kettle.notifications",
    "kettle.moderation",
    "kettle.groups",
    "kettle.meetups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kettle.core.middleware.MemberMiddleware",
    "kettle.core.links.ResolvedOnce",
]

ROOT_URLCONF = "kettle.urls"
ASGI_APPLICATION = "kettle.asgi.application"
WSGI_APPLICATION = "kettle.wsgi.application"
AUTH_USER_MODEL = "accounts.Member"
AUTHENTICATION_BACKENDS = ["kettle.accounts.auth.MemberBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"

# Jinja2 renders Kettle's pages; the Django template language stays for the admin only.
# Jinja is pointed at Kettle's own folders so it never picks up the admin's templates.
KETTLE_TEMPLATE_DIRS = [PACKAGE_DIR / "templates"] + [
    PACKAGE_DIR / app / "templates"
    for app in ("core", "accounts", "social", "groups", "meetups", "notifications", "moderation")
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": KETTLE_TEMPLATE_DIRS,
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "kettle.jinja2.environment",
            "autoescape": True,
            "auto_reload": DEBUG,
            "context_processors": ["kettle.jinja2.csrf_once"],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0 if TESTING else 60,
                                                  conn_health_checks=True)}
    # Parameters bound on the server, and psycopg prepares a statement a connection has run
    # five times (the home feed's six-table join took PostgreSQL 3 ms to plan and 0.7 ms to
    # run); the pool keeps connections, and so their prepared statements. Behind PgBouncer in
    # transaction mode, set KETTLE_DATABASE_PREPARED=0.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not TESTING:
        # The server closes each request's connection (kettle/asgi.py): a pool hands it back
        # for the next request instead of PostgreSQL starting a new backend for each one.
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # a pool replaces persistent connections
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1, "max_size": int(env("DATABASE_POOL_SIZE", "10")), "timeout": 10}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "kettle.sqlite3",
            # Keep connections (and their PRAGMAs) between requests and tasks: opening one
            # per task made the worker several times slower.
            "CONN_MAX_AGE": 0 if TESTING else 600,
        }
    }
if DATABASES["default"]["ENGINE"] in ("django.db.backends.sqlite3", "kettle.core.sqlite"):
    DATABASES["default"]["ENGINE"] = "kettle.core.sqlite"  # Django's, with writers queueing in the kernel
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the
    # start of a transaction so two writers queue (busy timeout) instead of deadlocking.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(env("SQLITE_BUSY_TIMEOUT", "10")),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA cache_size=-20000; PRAGMA temp_store=MEMORY;"
        ),
    }
    if TESTING:
        # A file, not SQLite's shared in-memory database: tests that send requests at the same
        # moment on real threads need SQLite's real locking (WAL, busy timeout), which the
        # shared in-memory cache replaces with "table is locked" errors.
        test_file = Path(tempfile.gettempdir()) / f"kettle-test-{os.getpid()}.sqlite3"
        DATABASES["default"]["TEST"] = {"NAME": str(test_file)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when configured (shared by every worker), else the database ----------
REDIS_URL = env("REDIS_URL", "")
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "kettle_cache"}}

# --- Background tasks -----------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or env_bool("TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# --- Passwords, sessions, security --------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("handle", "email")}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_ENGINE = "kettle.core.sessions"  # the database, with its lookup compiled once per process
SESSION_COOKIE_AGE = 60 * 60 * 24 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE = env_bool("SECURE", not DEBUG)  # behind HTTPS: secure cookies, HSTS, redirects
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS: list[str] = []

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Email ---------------------------------------------------------------------------
EMAIL_HOST = env("EMAIL_HOST", "")
if TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", f"{SITE_NAME} <hello@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_DIR", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Images: the caps every upload is held to before it is re-encoded.
IMAGE_MAX_BYTES = int(env("IMAGE_MAX_BYTES", str(10 * 1024 * 1024)))
IMAGE_MAX_PIXELS = int(env("IMAGE_MAX_PIXELS", str(40_000_000)))

# --- Kettle's own limits ----------------------------------------------------------------
LOGIN_RATE = env("LOGIN_RATE", "10/900")  # attempts / seconds, per IP and per account
SIGNUP_RATE = env("SIGNUP_RATE", "20/3600")  # accounts created per IP (a class on shared wifi fits)
RESET_RATE = env("RESET_RATE", "5/3600")  # password-reset requests per IP
EMAIL_PER_ADDRESS_RATE = env("EMAIL_PER_ADDRESS_RATE", "3/3600")  # emails of one kind to one address
PLACE_CHANGE_RATE = env("PLACE_CHANGE_RATE", "3/86400")  # home place changes per member
POST_RATE = env("POST_RATE", "30/3600")  # posts per member
GROUP_CREATE_RATE = env("GROUP_CREATE_RATE", "5/86400")  # groups a member may start per day
COMMENT_RATE = env("COMMENT_RATE", "120/3600")  # comments per member
REPORT_RATE = env("REPORT_RATE", "20/3600")  # reports per member
MEETUP_CREATE_RATE = env("MEETUP_CREATE_RATE", "20/86400")  # meetups (or courses) a member may start per day
VENUE_CREATE_RATE = env("VENUE_CREATE_RATE", "10/86400")  # venues a member may add per day
MEETUP_MESSAGE_RATE = env("MEETUP_MESSAGE_RATE", "10/3600")  # host messages to attendees per member
# Attendees hear of a change once the host has stopped editing for this long (seconds).
MEETUP_CHANGE_QUIET = int(env("MEETUP_CHANGE_QUIET", "300"))
EMAIL_CONFIRM_MAX_AGE = 60 * 60 * 24 * 3

# --- Locale and time -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO" if not TESTING else "WARNING")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "django_tasks": {"level": "WARNING"}},
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# whitenoise and FileResponse hand uvicorn a synchronous file iterator; Django warns once per
# response that it is consumed in a thread, which is exactly what we want for small files.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous iterators")
