"""Settings for the bilateral relations site.

One module, configured only by environment variables (see README and .env.example). The
defaults suit local work with nothing installed: SQLite, local-memory cache, media on disk.
Production is switched on with DJANGO_DEBUG=false, which refuses the development secret key.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a long random value when DJANGO_DEBUG is off."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "import_export",
    "axes",
    "csp",
    "accounts",
    "relations",
    "trade",
    "culture",
]

MIDDLEWARE = [
    # The security policy (config/security.py): these three wrap the page cache below, so its
    # hits get the same headers as rendered pages; FastPublishedPages asks security.py.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Published pages are answered here from stored bytes, before sessions, auth and CSRF.
    "relations.page_cache.PublishedPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the admin in the language each person chose (accounts/languages.py).
    "accounts.languages.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Keep connections between requests: opening one costs more than the query a page needs.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that accepts connections and never answers (overloaded, stopped) must not hold
    # a worker, or /healthz, forever: the load balancer needs its 503.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", DATABASE_CONNECT_TIMEOUT
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
# Redis may fail (README "Security"): a call waits at most this long (seconds) to connect or
# for an answer, and after a failure the page store leaves the cache alone this long.
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=0.5)
CACHE_RETRY_SECONDS = env.float("CACHE_RETRY_SECONDS", default=5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="relations"),
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    # Each process's own memory. Stored pages live in the page cache's process memory (sized
    # below), so this holds small entries (sessions, login attempts): room for thousands.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {
                "MAX_ENTRIES": env.int("LOCAL_CACHE_MAX_ENTRIES", default=5000),
                "CULL_FREQUENCY": 4,
            },
        }
    }
# Sessions (the admin's only) live in the database alone: one indexed query per admin request
# and no dependence on Redis. Cached sessions would survive a Redis outage only by ignoring
# failed cache writes, and a logout during the outage would come back with Redis.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Logins: throttling and session length (hardening, see README "Security") ---------------
# django-axes' backend comes first: a locked-out user name or address is refused before
# ModelBackend hashes the password, so guessing costs one indexed query, not a PBKDF2 hash.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After LOGIN_FAILURE_LIMIT failures for one user name, or from one address, both are refused
# for LOGIN_LOCKOUT_MINUTES after the last failure (even with the right password).
# Attempts and lockouts are kept in the database, not the cache: they survive a Redis
# restart, and logins do not depend on Redis (tests/test_redis_failure.py).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Attempts made while locked out are refused without being recorded: cheaper under a flood,
# and they do not push the end of the lockout further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_ENABLE_ADMIN = False  # accounts/admin.py has the screens (read-only, unlock logged)
# Operators need to see which user name and address were locked out (passwords are never logged).
AXES_SENSITIVE_PARAMETERS = []
# How many proxies (load balancer, CDN) append to X-Forwarded-For in front of the app servers;
# 0 means the socket address is the client. Wrong here, and one address stands for everyone.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# Sessions are only used by the admin: they end ADMIN_SESSION_HOURS after login.
SESSION_COOKIE_AGE = env.int("ADMIN_SESSION_HOURS", default=8) * 3600
# --- end of logins -----------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Media (highlight images) and import uploads waiting for confirmation go to the default
# storage: local files, or S3-compatible storage shared by every app server when
# AWS_STORAGE_BUCKET_NAME is set (needs the optional django-storages[s3], see README).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "default_acl": None,
            "file_overwrite": False,
        },
    }
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names in production (run collectstatic); plain files in development.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "public"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

# Public pages (see README "Running at scale"): served from stored bytes; each process checks
# the publication generation at most every PUBLICATION_CHECK_SECONDS (a publish reaches every
# reader within twice that); rendered pages are kept PAGE_CACHE_TIMEOUT seconds in the cache
# and, in each process's memory, up to PAGE_MEMORY_MAX_PAGES pages and PAGE_MEMORY_MAX_MB.
# RELEASE names the deploy in cache keys and validators (with a hash of the templates).
PUBLIC_PAGE_CACHE = env.bool("PUBLIC_PAGE_CACHE", default=True)
PUBLICATION_CHECK_SECONDS = env.float("PUBLICATION_CHECK_SECONDS", default=0.1)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=7 * 24 * 3600)
PAGE_MEMORY_MAX_PAGES = env.int("PAGE_MEMORY_MAX_PAGES", default=3000)
PAGE_MEMORY_MAX_MB = env.int("PAGE_MEMORY_MAX_MB", default=300)
PAGE_CACHE_VERSION = env("RELEASE", default="1")

# Email (publishers hear of profiles "Ready for publishing"): printed on the console unless
# an SMTP server is configured (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="relations@localhost")

# Uploaded images and spreadsheets are refused above this size (bytes).
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)

# --- Media in production (hardening, see README "Security") ------------------------------
# Uploaded images above this many pixels are refused from their header, before decoding
# (a 140 KB PNG can hold 12000 x 12000 pixels); the rest are re-encoded by Pillow.
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)
# Without an S3 bucket the app serves /media/ itself (config/media.py), only these folders
# (highlight images; import uploads waiting for confirmation stay private), cacheable this
# long: a replaced image gets a new file name, so a URL's bytes never change.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=not AWS_STORAGE_BUCKET_NAME)
MEDIA_PUBLIC_FOLDERS = ["highlights"]
MEDIA_CACHE_SECONDS = env.int("MEDIA_CACHE_SECONDS", default=86_400)
# --- end of media ------------------------------------------------------------------------
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# The country whose ministry publishes the profiles (ISO 3166-1 alpha-2).
HOME_COUNTRY_CODE = env("HOME_COUNTRY_CODE", default="CA")

# The public origin (e.g. https://relations.example.ca) named by canonical and hreflang links,
# the sitemap, robots.txt and the feeds. Empty: the request's own scheme and host.
SITE_URL = env("SITE_URL", default="")
# Who publishes the pages (Canada.ca's dcterms.creator), in each language.
SITE_CREATOR = {
    "en": env("SITE_CREATOR_EN", default="Global Affairs Canada"),
    "fr": env("SITE_CREATOR_FR", default="Affaires mondiales Canada"),
}

# --- The security policy of every response (config/security.py, README "Security") -------
# Django's middleware sends it with rendered pages and page-cache hits; FastPublishedPages
# builds the same headers from these settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere, the admin included (Django's admin needs none; see
# README "Security"); images also from CSP_IMG_SOURCES (a media bucket or its CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *env.list("CSP_IMG_SOURCES", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# --- end of the security policy ----------------------------------------------------------

# Production hardening; each can be relaxed by a variable, e.g. behind a TLS-terminating proxy.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Which function builds the snapshot facts of each kind of profile section (see DESIGN.md).
PROFILE_SECTION_BUILDERS = {
    "political": "relations.sections.build_political_section",
    "prose": "relations.sections.build_prose_section",
    "meetings": "relations.sections.build_meetings_section",
    "representation": "relations.sections.build_representation_section",
    "trade": "trade.sections.build_trade_section",
    "culture": "culture.sections.build_culture_section",
}

# Which function checks each kind of section for the readiness checklist (relations.readiness).
PROFILE_SECTION_CHECKS = {
    "political": "relations.readiness.check_political",
    "prose": "relations.readiness.check_prose",
    "meetings": "relations.readiness.check_meetings",
    "representation": "relations.readiness.check_representation",
    "trade": "trade.readiness.check_trade",
    "culture": "culture.readiness.check_culture",
}
# Inline panels of other apps on a profile's admin page (few rows each; see the workspace).
PROFILE_ADMIN_INLINES = [
    "trade.admin.ExportMarketRankInline",
    "trade.admin.KeyCommodityInline",
]

# The spreadsheets editors import and export, each declared by its app (dotted paths, so
# relations never imports trade or culture; see README, "Importing spreadsheets").
SPREADSHEET_SHEETS = [
    "trade.sheets.TRADE_FIGURES",
    "relations.sheets.MEETINGS",
    "relations.sheets.MISSIONS",
    "culture.sheets.HIGHLIGHTS",
]

# Spreadsheet import and export (our engine on django-import-export; see README, "Importing
# spreadsheets"). Importing and exporting need their own model permissions.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
# Uploads wait for confirmation in the configured storage, so any app server can confirm;
# those never confirmed are deleted after IMPORT_UPLOAD_MAX_AGE seconds.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "relations.spreadsheets.uploads.PendingUploads"
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
IMPORT_UPLOAD_MAX_AGE = env.int("IMPORT_UPLOAD_MAX_AGE", default=24 * 3600)
# An upload in the admin: at most this many data rows, read and checked in at most this many
# seconds (below the app server's 30-second timeout).
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=200_000)
IMPORT_MAX_SECONDS = env.float("IMPORT_MAX_SECONDS", default=20.0)
# A file given to `manage.py import_sheet`: no size or time limit, at most this many rows.
IMPORT_COMMAND_MAX_ROWS = env.int("IMPORT_COMMAND_MAX_ROWS", default=2_000_000)
# An XLSX workbook may expand to at most this many bytes when unzipped (zip bomb guard).
IMPORT_MAX_UNPACKED_SIZE = env.int("IMPORT_MAX_UNPACKED_SIZE", default=200 * 1024 * 1024)
# Exports stream as CSV at any size; an XLSX export (built whole) is refused above this.
EXPORT_XLSX_MAX_ROWS = env.int("EXPORT_XLSX_MAX_ROWS", default=100_000)
