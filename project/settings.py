"""Settings for the briefing desk: one file, read from the environment.

With nothing set it runs on a laptop: SQLite in the project folder, a secret key
generated once into `.secret_key` (never committed). A team server sets
`DATABASE_URL`, `SECRET_KEY`, `ALLOWED_HOSTS` and `CSRF_TRUSTED_ORIGINS`.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """A per-clone key for laptops, created on first use and kept out of git."""
    path = BASE_DIR / ".secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


DEBUG = env_bool("DEBUG", False)
# PRODUCTION=1 on a team server: the secret key must come from the environment, and
# the HTTPS settings below are on (the server sits behind a TLS-terminating proxy).
PRODUCTION = env_bool("PRODUCTION", False)
if PRODUCTION and not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("PRODUCTION=1 needs SECRET_KEY in the environment.")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("PRODUCTION=1 and DEBUG=1 cannot be combined.")
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "reversion_compare",
    "csp",
    "axes",
    "briefings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: serves readers without one from the shared cache (briefings/cache.py),
    # with the headers of everything below stored alongside each page.
    "briefings.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "briefings.middleware.DatabaseUnavailableMiddleware",
    # Last, so that it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username from an address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

WSGI_APPLICATION = "project.wsgi.application"

# Several app servers share one cache when REDIS_URL is set (redis://host:6379/0);
# otherwise each process keeps its own in memory, which is enough for one server.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "briefings"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages for readers without a session (briefings/cache.py): how long browsers and
# proxies may keep one (seconds), how long the cache keeps an entry, the largest one stored.
BRIEFINGS_PAGE_MAX_AGE = int(os.environ.get("BRIEFINGS_PAGE_MAX_AGE", "30"))
BRIEFINGS_PAGE_CACHE_SECONDS = int(os.environ.get("BRIEFINGS_PAGE_CACHE_SECONDS", "600"))
# With Redis, how long the publication version kept there is trusted before the database
# is read again (a restore or a flushed database is noticed within it; writes at once).
BRIEFINGS_PAGE_VERSION_SECONDS = float(os.environ.get("BRIEFINGS_PAGE_VERSION_SECONDS", "1"))
BRIEFINGS_PAGE_CACHE_MAX_BYTES = 5 * 1024 * 1024
# The TLP 2.0 marking a new briefing, judgment, event, source or excerpt starts with
# (clear, green, amber, amber+strict, red); an analyst changes it per item.
BRIEFINGS_DEFAULT_TLP = os.environ.get("BRIEFINGS_DEFAULT_TLP", "clear")

# An empty DATABASE_URL (a service file's `DATABASE_URL=`) means none, as if it were unset.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, keeping the query planner's statistics (project/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "project.sqlite"
    # A transaction takes the write lock as it begins: one that read first and then wrote
    # could not wait for another writer (SQLite fails such an upgrade at once, "database is
    # locked"), which a laptop's threaded server and the browser tests' live server met. A
    # writer waits up to 20 s for the lock.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("transaction_mode", "IMMEDIATE")
    _options.setdefault("timeout", 20)
    # The tests' SQLite database is a file (one per pytest-xdist worker), never Django's
    # in-memory default: that is one database in SQLite's shared-cache mode, whose table locks
    # fail at once ("database table is locked") instead of waiting. A live server answering a
    # browser test from its threads while the test wrote, or while its teardown flushed, failed
    # that write midway and left the connection with autocommit off, which failed every later
    # transactional test. A file's locks wait (the busy timeout) and order the writers.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(BASE_DIR / ".test-db.sqlite3"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: PostgreSQL compiles any plan whose estimate passes `jit_above_cost`, and the
    # search's visibility subqueries (500 functions) took 19 s to compile for a query that
    # runs in 0.4 s. The desk's queries are short reads, which compiling never pays back.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(filter(None, [_options.get("options", ""), "-c jit=off"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", PRODUCTION)
# Where `collectstatic` gathers the static files for a team server (PRODUCTION=1, or
# STATIC_MANIFEST=1 for hashed names). A clone where it has not run (a laptop, the tests)
# has no such folder: whitenoise serves the files from the source folders instead
# (WHITENOISE_USE_FINDERS below) and is not pointed at the missing one, which it would warn
# about on every start.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
if not (PRODUCTION or STATIC_MANIFEST or STATIC_ROOT.is_dir()):
    STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve straight from the source folders when collectstatic has not been run (laptops, tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# dumpdata/loaddata in JSON keep every microsecond, so a backup round-trips exactly.
SERIALIZATION_MODULES = {"json": "briefings.exports.dumpdata"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# No script, style, font or frame from anywhere but the site itself, and no inline script:
# what an analyst or an imported article slips into a page cannot run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures for one username from
# one address, that pair waits AXES_COOLOFF_HOURS; other people at the same address do not.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind the team server's proxy the client's address is the one it appends to
# X-Forwarded-For; on a laptop, without a proxy, a forwarded header is anyone's to forge.
if PRODUCTION:
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Cookies and headers that hold on any deployment; HTTPS-only ones are switched on by
# the team server's environment (see README, "Team server").
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Notices of the review workflow go out by e-mail when a mail server is named; without
# one they stay in the admin (Django's dummy backend sends nothing).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "briefing-desk@localhost")
# Where the site is reached, for the links in e-mails (read outside any request).
BRIEFINGS_SITE_URL = os.environ.get("BRIEFINGS_SITE_URL", "http://127.0.0.1:8000")

# The site's name as readers see it in titles and feeds.
BRIEFINGS_SITE_NAME = os.environ.get("BRIEFINGS_SITE_NAME", "Briefing desk")

# The public JSON API: read-only, anonymous, paginated; described by an OpenAPI schema.
REST_FRAMEWORK = {
    # Readers send their token (`Authorization: Token …`); without one the API is the public's.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "briefings.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{BRIEFINGS_SITE_NAME} API",
    "DESCRIPTION": (
        "Published briefings, their key judgments (ICD 203 likelihood and confidence), "
        "events, actors and countries. Read-only; drafts never appear."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's files are served from the app (drf-spectacular-sidecar), not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "briefings.models.ActorKind",
        "EventKindEnum": "briefings.models.EventKind",
    },
}
