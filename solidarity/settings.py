"""Solidarity settings: one flat file, every value from the environment.

Safe local defaults (SQLite, DEBUG off, a throw-away secret key only when
DEBUG is on); production sets SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
from bootstrap_wrapper import get_bootstrap_dir
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Read a setting; ``NAME_FILE`` pointing at a file (Docker/K8s secrets) wins."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules

# Without SECRET_KEY we are a local run: the "django-insecure-" prefix makes
# `check --deploy` fail loudly if this key ever reaches production.
SECRET_KEY = env("SECRET_KEY") or "django-insecure-local-only-solidarity-key-0123456789abcdef"

# Sensitive personal data (identity and passport numbers, health) is encrypted
# at rest with a key derived from SECRET_KEY and this salt (django-fernet-
# encrypted-fields); both keep their old values in *_FALLBACKS / a list to
# rotate. Changing either without keeping the old one makes that data unreadable.
SALT_KEY = env_list("FIELD_ENCRYPTION_SALT") or ["local-only-solidarity-salt"]
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

# Data subject requests (Law 91/2025/QH15, Decree 356/2025/NĐ-CP), in working days (Monday to
# Friday) from the day received: the acknowledgement, then carrying each kind of request out.
# The second figures are the app's defaults, TO BE CONFIRMED with the union's legal department.
PRIVACY_REPLY_WORKING_DAYS = env_int("PRIVACY_REPLY_WORKING_DAYS", 2)
PRIVACY_REQUEST_DAYS = {
    "access": env_int("PRIVACY_ACCESS_DAYS", 10),
    "correct": env_int("PRIVACY_CORRECT_DAYS", 10),
    "delete": env_int("PRIVACY_DELETE_DAYS", 20),
    "restrict": env_int("PRIVACY_RESTRICT_DAYS", 2),
}

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "django_filters",
    "django_htmx",
    "treebeard",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Layers, bottom up; imports point down only (README, "How it is built").
    "solidarity.core",
    "solidarity.units",
    "solidarity.accounts",
    "solidarity.records",
    "solidarity.figures",
    "solidarity.jobs",
    "solidarity.privacy",
    "solidarity.partners",
    "solidarity.contacts",
    "solidarity.plans",
    "solidarity.staff",
    "solidarity.agreements",
    "solidarity.delegations",
    "solidarity.meetings",
    "solidarity.support",
    "solidarity.migrants",
    "solidarity.funds",
    "solidarity.sponsorship",
    # The top of the house: nothing below imports these.
    "solidarity.reports",
    "solidarity.periodic",
    "solidarity.imports",
    "solidarity.news",
    "solidarity.agenda",
    "solidarity.search",
    "solidarity.notifications",
    "solidarity.home",
    "solidarity.demo",
    "solidarity.api",
    # Django's form templates, after ours: solidarity.core overrides select.html (fast options).
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "solidarity.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "solidarity.core.middleware.StripNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After OTPMiddleware: a signed-in user who still owes the second factor
    # reaches only the code, set-up and sign-out pages.
    "solidarity.accounts.two_factor.TwoFactorMiddleware",
    "solidarity.core.middleware.LineBreaksMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "solidarity.core.middleware.ContentSecurityPolicyMiddleware",
    "solidarity.core.middleware.SecurityHeadersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last: it needs the authenticated user and must see every login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "solidarity.urls"
WSGI_APPLICATION = "solidarity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "solidarity" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "solidarity.accounts.context_processors.navigation",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so an app may override Django's widget
# templates (solidarity/core/widgets.py, select_options).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------
# SQLite (WAL, busy timeout, immediate transactions) unless DATABASE_URL says
# otherwise; PostgreSQL is the production database.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # No JIT: a report's read of a few thousand index rows is estimated at half a million
        # (IN lists on two index columns) and spent 150 ms compiling for a 6 ms scan.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # A connection kept between requests keeps its page cache warm (a cold one
            # pays 15-30 ms on a busy page of the national dataset).
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA cache_size=-20000;"
                ),
            },
        }
    }

    if TESTING and env("SQLITE_TEST_PATH"):
        # A test database in a file, which another process (a worker the test starts) can open.
        DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_PATH")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    # Tests keep Argon2 but with tiny costs: hashing dominates otherwise.
    "solidarity.core.hashers.FastArgon2PasswordHasher"
    if TESTING
    else "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Sessions end after SESSION_COOKIE_AGE or when the browser closes. Not saved
# on every request: that would make every page view a database write.
SESSION_SAVE_EVERY_REQUEST = False

# Sign-in throttle (django-axes, see solidarity/accounts/throttle.py): a username
# is locked after AXES_FAILURE_LIMIT failures from anywhere, an address after
# AXES_ADDRESS_FAILURE_LIMIT failures over any usernames (password spraying),
# each for AXES_COOLOFF_MINUTES. Attempts while locked do not extend the lock.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 15)
if min(AXES_FAILURE_LIMIT, AXES_ADDRESS_FAILURE_LIMIT, AXES_COOLOFF_MINUTES) < 1:
    raise ImproperlyConfigured(
        "AXES_FAILURE_LIMIT, AXES_ADDRESS_FAILURE_LIMIT and AXES_COOLOFF_MINUTES must be at least 1"
    )
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "solidarity.accounts.throttle.SignInThrottle"
AXES_LOCKOUT_CALLABLE = "solidarity.accounts.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "solidarity.accounts.throttle.client_address"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# --- Two-factor sign-in -----------------------------------------------------
# A code from an authenticator app (TOTP) after the password, with one-time
# recovery codes. Whoever turned it on always gives the code; this setting
# also makes leaders, administrators and superusers set it up before anything
# else. On in production (same rule as SECURE_HTTPS), off for the local demo.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG and bool(env("SECRET_KEY")))
OTP_TOTP_ISSUER = "Solidarity"
# Wrong codes wait 1, 2, 4, 8… seconds per device (django-otp's throttling);
# each wrong code also counts as a failed sign-in for django-axes.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- I18n -----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["solidarity.formats"]

# --- Static files -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "solidarity" / "static",
    ("bootstrap", str(get_bootstrap_dir())),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not (DEBUG or TESTING))
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"

# --- Background jobs ----------------------------------------------------------
# One mechanism (solidarity/jobs): django-tasks with its database backend, so the database
# is all a deployment needs; `manage.py db_worker` runs them (`make run` starts one).
# Tests run them in the request (ImmediateBackend) unless a test starts a worker itself.
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}
# A running job's progress is shared between processes through this cache (solidarity/jobs/progress.py):
# files on this machine by default, Redis when REDIS_URL is set (several machines).
REDIS_URL = env("REDIS_URL")
# The default cache holds the API's per-token request counts: per process unless Redis is set.
REDIS_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
CACHES = {
    "default": REDIS_CACHE if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "jobs": (
        REDIS_CACHE
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env(
                "JOBS_CACHE_DIR",
                str(Path(tempfile.gettempdir()) / f"solidarity-jobs-{os.getpid()}")
                if TESTING
                else str(BASE_DIR / "var" / "jobs-progress"),
            ),
        }
    ),
}
# Spreadsheet imports (solidarity/imports): the largest file and the most rows one upload may hold.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 10) * 1024 * 1024
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)
# A file of more rows than this is checked (the dry run) as a job, with progress, not in the request.
IMPORT_SYNC_ROWS = env_int("IMPORT_SYNC_ROWS", 500)
# A running job that has shown no progress for this long is shown as interrupted (its worker died).
JOB_STALL_SECONDS = env_int("JOB_STALL_SECONDS", 120)
# A list export (?format=xlsx|csv) of more rows than this runs as a job, with progress and a download.
EXPORT_SYNC_LIMIT = env_int("EXPORT_SYNC_LIMIT", 5000)

# --- Mail and notifications ------------------------------------------------------
# Django's mail settings, from the environment: the console (mails printed where the worker runs)
# unless EMAIL_BACKEND says otherwise; production sets the SMTP backend and its server.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Solidarity <solidarity@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The address links in mails start with (no trailing slash).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Mails are written in this language, whatever the sender's screen language.
NOTIFICATION_MAIL_LANGUAGE = env("NOTIFICATION_MAIL_LANGUAGE", "vi")
# The schedule (manage.py run_schedule): reminders every so many minutes, the digest once a day
# from this local hour; a reminder whose stage was missed is still sent this many days later.
REMINDER_EVERY_MINUTES = env_int("REMINDER_EVERY_MINUTES", 60)
DIGEST_HOUR = env_int("DIGEST_HOUR", 7)
REMINDER_LOOKBACK_DAYS = env_int("REMINDER_LOOKBACK_DAYS", 30)
REMINDER_LIMIT = env_int("REMINDER_LIMIT", 20_000)

# --- Security ---------------------------------------------------------------
# HTTPS settings are on unless explicitly turned off for plain-HTTP local runs.
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG and bool(env("SECRET_KEY")))
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
# Behind our own TLS proxy: trust its X-Forwarded-Proto, and its X-Forwarded-For
# for the sign-in throttle (solidarity/accounts/throttle.py).
BEHIND_PROXY = env_bool("BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Only the app's own files may run or style a page: an injected <script> or
# style= does nothing. Templates therefore hold no inline script or style
# (tests/test_security_headers.py scans them); behaviour lives in
# static/solidarity/app.js. data: images are Bootstrap's built-in SVG icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Added under /admin/ only (superusers): third-party admin pages use style= attributes.
CONTENT_SECURITY_POLICY_ADMIN = {"style-src-attr": [UNSAFE_INLINE]}
# Features the app never uses stay off, whatever a page might try
# (solidarity.core.middleware.SecurityHeadersMiddleware sends it).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# django-countries' Vietnamese names merge some countries ("Ai-len" for both
# Iceland and Ireland): these names are ours, translated in our catalogue.
COUNTRIES_OVERRIDE = {
    "IS": _("Iceland"),
    "IE": _("Ireland"),
    "AT": _("Austria"),
    "JE": _("Jersey"),
    "NE": _("Niger"),
    "NG": _("Nigeria"),
    "RE": _("Réunion"),
    "SZ": _("Eswatini"),
}

# --- Solidarity -------------------------------------------------------------
PAGE_SIZE = env_int("PAGE_SIZE", 25)
# Lists count their rows up to this many and show "more than N" beyond it.
LIST_COUNT_CAP = env_int("LIST_COUNT_CAP", 1_000)
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 20) * 1024 * 1024
# Upload limits (the proxy's body limit sits just above ATTACHMENT_MAX_MB, see
# README): form fields without files stay small, a file larger than 2.5 MB goes
# to a temporary file rather than memory, and every form sends one file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
DATA_UPLOAD_MAX_NUMBER_FILES = 1
# Days after a delegation's return within which its report is due.
DELEGATION_REPORT_DAYS = env_int("DELEGATION_REPORT_DAYS", 15)
# Last day (month-day, of the plan's own year) on which an approved annual plan may still be
# amended: a mid-year amendment is a new revision that goes through approval again.
PLAN_AMENDMENT_DEADLINE = env("PLAN_AMENDMENT_DEADLINE", "05-01")
try:
    datetime.date(2000, *(int(part) for part in PLAN_AMENDMENT_DEADLINE.split("-")))
except (TypeError, ValueError) as error:
    raise ImproperlyConfigured(
        f"PLAN_AMENDMENT_DEADLINE must be a month-day such as 05-01, not {PLAN_AMENDMENT_DEADLINE!r}"
    ) from error
# The union's reporting periods (Decree 09/2019/NĐ-CP), as day/month: the 6-month report covers
# 15/12 of the previous year to 14/06, the annual one 15/12 to 14/12.
REPORT_PERIOD_START = env("REPORT_PERIOD_START", "15/12")
REPORT_HALF_YEAR_END = env("REPORT_HALF_YEAR_END", "14/06")
REPORT_YEAR_END = env("REPORT_YEAR_END", "14/12")
# Days after a period's last day by which a unit's period report reaches the level above.
# Decree 09/2019/NĐ-CP (art. 12) has periodic reports sent by the 20th of the period's last
# month; the union's periods end on the 14th, so 6 days.
PERIODIC_REPORT_DUE_DAYS = env_int("PERIODIC_REPORT_DUE_DAYS", 6)
# The place written before the date of the central bodies' official reports (reports/docx.py).
REPORT_PLACE_CENTRAL = env("REPORT_PLACE_CENTRAL", "Hà Nội")

# --- REST API (solidarity/api) ----------------------------------------------------
# The same FilterSets, services and permission rule as the pages; a personal token
# (Authorization: Bearer ...) or the browser session (with CSRF) signs the request in.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "solidarity.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["solidarity.api.throttling.ApiRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "solidarity.api.pagination.OneMoreRowPagination",
    "DEFAULT_FILTER_BACKENDS": ["solidarity.api.filters.ScopedFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "solidarity.api.errors.exception_handler",
    "PAGE_SIZE": PAGE_SIZE,
    "DATE_INPUT_FORMATS": ["iso-8601"],
}
# Requests a token (or a signed-in user) may make; DRF's rate syntax: "600/minute", "20/second".
API_THROTTLE_RATE = env("API_THROTTLE_RATE", "600/minute")
# Days a new personal token lasts unless its owner chooses another term (at most API_TOKEN_MAX_DAYS).
API_TOKEN_DEFAULT_DAYS = env_int("API_TOKEN_DEFAULT_DAYS", 90)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)
SPECTACULAR_SETTINGS = {
    "TITLE": "Solidarity API",
    "DESCRIPTION": (
        "The records of the union's international cooperation: units, partners, contacts, agreements, "
        "delegations, meetings, support, files, the approval workflow and the reports' figures. "
        "Authenticate with a personal token, made under the user menu: Authorization: Bearer sol_…"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Like every page of the app: signed in (session or token) to read the schema and its docs.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from the drf-spectacular-sidecar package: no CDN, and its start-up script
    # served as a file so the Content-Security-Policy allows it.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Not part of `check --deploy`: the schema is tested by solidarity/api/tests (served, and every
    # operation fuzzed); its notes (the FilterSets' unit and partner pickers typed as strings, one
    # country list under two names) are no deployment problem.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # One name per choice set of the records (several are called "kind", "status" or "direction").
    "ENUM_NAME_OVERRIDES": {
        "AgreementStatusEnum": "solidarity.agreements.choices.AgreementStatus",
        "CommitmentStatusEnum": "solidarity.agreements.choices.CommitmentStatus",
        "SigningStepKindEnum": "solidarity.agreements.choices.SigningStepKind",
        "DelegationDirectionEnum": "solidarity.delegations.choices.Direction",
        "CostKindEnum": "solidarity.delegations.choices.CostKind",
        "MeetingKindEnum": "solidarity.meetings.choices.MeetingKind",
        "PartnerKindEnum": "solidarity.partners.choices.PartnerKind",
        "SupportDirectionEnum": "solidarity.support.choices.SupportDirection",
        "UnitKindEnum": "solidarity.units.choices.UnitKind",
        "SuccessionKindEnum": "solidarity.units.choices.SuccessionKind",
        "FundingSourceEnum": "solidarity.core.choices.FundingSource",
        "ApprovalStateEnum": "solidarity.core.choices.ApprovalState",
    },
}
