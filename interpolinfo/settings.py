"""Settings for interpolinfo: one module, driven by environment variables.

django-environ reads every variable (and an optional `.env` file) and parses
database URLs, booleans and lists with one library, so there is no hand-written
parsing here. With no configuration at all the site runs locally on SQLite
with DEBUG off; `PRODUCTION=true` turns on the HTTPS-only settings and makes
SECRET_KEY and ALLOWED_HOSTS mandatory.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PRODUCTION = env.bool("PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, or a per-checkout local key.

    Production must be given its key. A local run keeps one generated key in a
    git-ignored file, so restarts keep sessions valid and no key is ever
    generated per process.
    """
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when PRODUCTION is true.")
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

if PRODUCTION:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Absolute address of the site, for canonical links, the sitemap and Open Graph.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The admin's path; changing it keeps it off the usual scanners' lists.
ADMIN_PATH = env.str("ADMIN_PATH", default="admin/").strip("/") + "/"
# /.well-known/security.txt (RFC 9116): where to report a vulnerability, and the
# date after which the file must not be trusted (renew it before then).
SECURITY_TXT_CONTACT = env.str("SECURITY_TXT_CONTACT", default="")
SECURITY_TXT_EXPIRES = env.str("SECURITY_TXT_EXPIRES", default="2027-11-25T00:00:00Z")

INSTALLED_APPS = [
    # Before the admin, so translated fields show in it side by side.
    "modeltranslation",
    # Django's admin with two-factor sign-in (interpolinfo/admin_site.py).
    "interpolinfo.apps.InterpolinfoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "adminsortable2",
    "reversion",
    "reversion_compare",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "interpolinfo.apps.InterpolinfoConfig",
    "import_export",
    "faq",
    "directory",
    "contact",
    "checker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "interpolinfo.middleware.AdminNoIndexMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after static files: a cached page skips everything below it but
    # keeps the headers they added when it was stored.
    "interpolinfo.page_cache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks whether this session passed its second factor (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Must be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "interpolinfo.urls"
WSGI_APPLICATION = "interpolinfo.wsgi.application"

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
                "interpolinfo.context_processors.site",
            ],
        },
    },
]

# Databases: SQLite by default, PostgreSQL in production (DATABASE_URL).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while the admin writes; IMMEDIATE transactions
    # and a busy timeout make concurrent writers wait instead of failing with
    # "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Keep connections between requests: every public page reads the content version
# row, and reopening SQLite (with its PRAGMAs) would cost more than the query.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis (shared by every instance) when set.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "interpolinfo.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="interpolinfo"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # The content version alone, in a file every worker on this machine reads, so
        # a cached page costs no SQL without Redis too (interpolinfo/state_cache.py).
        CACHES["content-state"] = {
            "BACKEND": "interpolinfo.state_cache.LockedFileCache",
            "LOCATION": env.str(
                "CONTENT_STATE_DIR", default=f"{DATABASES['default']['NAME']}.content-state"
            ),
        }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: INTERPOL's four working languages. Every public URL starts
# with its language (/en/, /fr/, /es/, /ar/); "/" picks one from Accept-Language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in four languages (django-modeltranslation): an empty translation shows
# the English text, and the page says it is not yet translated.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
# Django 6.0 makes https the default scheme of a URL typed without one; opt in now
# (the site links only https addresses, and this silences the transition warning).
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "/static/"
# Where collectstatic gathers files; the browser quality gate collects into a temporary folder.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed file names never change content, so they can be cached for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. The site serves no frames, no third-party assets and no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "interpolinfo.views.csrf_failure"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The proxy in front terminates TLS and says so in X-Forwarded-Proto. gunicorn
    # turns that into the request's scheme only when the header comes from
    # FORWARDED_ALLOW_IPS (interpolinfo/gunicorn.conf.py); SECURE_PROXY_SSL_HEADER
    # is deliberately unset, as Django would believe the header from anyone.
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# django-axes: lock an account+address pair out after repeated failed logins.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A right password is only half a sign-in when a second factor is required, so
# failures are cleared by interpolinfo/two_factor.py once the whole sign-in succeeds:
# otherwise signing in again with the password would reset the count of wrong codes.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
# Never record what was typed as a second-factor code (axes keeps failed POST data).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# Behind a proxy, lock out the client, not the proxy (interpolinfo/client.py).
AXES_CLIENT_IP_CALLABLE = "interpolinfo.client.client_address"
# Addresses (or networks) of our own reverse proxies: only their X-Forwarded-For
# is believed. Empty: every request's REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# Two-factor sign-in for every staff account (django-otp): an authenticator app
# (TOTP) plus single-use backup codes, set up at the first sign-in. Required in
# production; a local or test run may relax it (`check --deploy` warns).
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=PRODUCTION)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = "interpolinfo"
# Nobody reads another person's secret key or backup codes in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Helpful votes each visitor may cast per window; a script cannot stuff the counts.
VOTE_RATE_LIMIT = env.int("VOTE_RATE_LIMIT", default=10)
VOTE_RATE_SECONDS = env.int("VOTE_RATE_SECONDS", default=600)
# Messages one client may check per window: each check costs a few milliseconds of CPU.
CHECKER_RATE_LIMIT = env.int("CHECKER_RATE_LIMIT", default=30)
CHECKER_RATE_SECONDS = env.int("CHECKER_RATE_SECONDS", default=600)

# One JSON object per line on stdout: easy to ship and to grep.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "axes": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}

# --- Contact-route wizard (contact) ---

# Every official address a channel may point to must be on one of these domains
# (or a subdomain of one), so a typo or a look-alike domain cannot slip in.
# INTERPOL's own domain plus the national government and police domains of the
# reference channels; staff add more with CONTACT_URL_EXTRA_DOMAINS.
CONTACT_URL_ALLOWED_DOMAINS = [
    "interpol.int",
    "ftc.gov",
    "ic3.gov",
    "antifraudcentre-centreantifraude.ca",
    "police.uk",
    "cyber.gov.au",
    "scamwatch.gov.au",
    "cybercrime.gov.in",
    *env.list("CONTACT_URL_EXTRA_DOMAINS", default=[]),
]
# Schemes an official address may use: https only, so nobody on a visitor's network
# can change where a link sends them (the check_channels tests add http for a local server).
CONTACT_URL_SCHEMES = ["https"]
# A channel not checked by a person for this many days is flagged in the admin.
CONTACT_VERIFY_EVERY_DAYS = env.int("CONTACT_VERIFY_EVERY_DAYS", default=365)
# A national channel whose address was not checked automatically for this many
# days is listed as overdue in the admin (run `manage.py check_channels`).
DIRECTORY_CHECK_EVERY_DAYS = env.int("DIRECTORY_CHECK_EVERY_DAYS", default=30)
# Seconds `check_channels` waits for each official address to answer.
CONTACT_CHECK_TIMEOUT = env.float("CONTACT_CHECK_TIMEOUT", default=10.0)

# --- Caching and performance ---

# Whole anonymous pages are cached under URL + language + content version
# (interpolinfo/page_cache.py); every content edit bumps the version.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "default"
# Seconds a page is kept in our own cache; the version makes it fresh, this only bounds memory.
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=60 * 60)
# Pages each worker process also keeps in its own memory, in front of the shared cache.
PAGE_CACHE_LOCAL_ENTRIES = env.int("PAGE_CACHE_LOCAL_ENTRIES", default=200)
# Cache-Control for browsers (max-age) and for a CDN or proxy (s-maxage): short,
# because a shared cache in front of us does not see the content version.
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_SHARED_MAX_AGE = env.int("PAGE_CACHE_SHARED_MAX_AGE", default=120)
# Path regexes answered `private, no-store` even without a cookie. The admin is
# always one; staff previews need a session cookie, which already makes them private.
PAGE_CACHE_PRIVATE_PATHS: list[str] = []
# Path regexes the page cache leaves alone entirely.
PAGE_CACHE_EXCLUDED_PATHS = [r"/healthz$"]
# The query parameters some page reads; the cache key ignores every other one, so
# junk or tracking parameters cannot fill the cache (search: q; wizard: a, answer,
# q, selected, changed, country; article: feedback).
PAGE_CACHE_QUERY_PARAMS = ["a", "answer", "changed", "country", "feedback", "q", "selected"]
# An X-Page-Cache: hit/miss header, for debugging only: in production it would tell
# one visitor what others recently searched for or chose.
PAGE_CACHE_DIAGNOSTIC_HEADER = env.bool("PAGE_CACHE_DIAGNOSTIC_HEADER", default=DEBUG)
# Apps whose every save or delete bumps the content version...
CONTENT_VERSION_APPS = ["faq", "contact", "directory", "checker", "interpolinfo"]
# Seconds the content version is kept in the cache beside the pages, so a cache hit
# makes no SQL query. Redis is shared and told of every bump, so this only bounds a
# lost update. The local-memory cache is per process and never told of a bump made
# by another gunicorn worker, so there the version is read from the database on
# every request (0) unless a single process serves the site.
CONTENT_STATE_SECONDS = env.int("CONTENT_STATE_SECONDS", default=60)
CONTENT_STATE_LOCAL_SECONDS = env.int("CONTENT_STATE_LOCAL_SECONDS", default=0)
# With Redis, each process also keeps the state it read until Redis announces a change
# (interpolinfo/state_watch.py), and at most this long, a bound for a connection cut
# silently; 0 reads Redis on every request instead.
CONTENT_STATE_WATCH_SECONDS = env.int("CONTENT_STATE_WATCH_SECONDS", default=2)
# Where the version is kept: beside the pages (Redis), or in a file shared by the
# machine's processes on SQLite (see CACHES); else the local-memory rule above.
CONTENT_STATE_CACHE_ALIAS = "content-state" if "content-state" in CACHES else PAGE_CACHE_ALIAS
# ...except visitor counters, which change on public requests and never change a page,
# and the version row itself (interpolinfo.SiteFacts, edited by staff, does count).
CONTENT_VERSION_IGNORED_MODELS = [
    "faq.articlefeedback",
    "faq.searchlog",
    # Rewritten on every page save, so it changes only with content already counted.
    "faq.searchentry",
    # Bookkeeping for the translation report; no page shows it.
    "interpolinfo.translationstate",
    # A proposed change is not on any page until it is applied to the page's own row
    # (interpolinfo.review); a scheduled one is counted in the next publish time.
    "interpolinfo.proposal",
    "contact.outcomecount",
    "checker.signcount",
    "checker.checkcount",
    "interpolinfo.contentversion",
]
