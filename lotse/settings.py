import base64
import binascii
import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from lotse.env import ConfigError, env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = env_path("LOTSE_DATA_DIR", PROJECT_DIR / "var")

DATA_DIR.mkdir(parents=True, exist_ok=True)
# Uploaded documents (encrypted at rest); `lotse backup` copies this folder.
DOCUMENTS_DIR = env_path("LOTSE_DOCUMENTS_DIR", DATA_DIR / "documents")

DEBUG = env_bool("LOTSE_DEBUG", False)
# A fixed development key is allowed only with DEBUG or in tests; production
# must set SECRET_KEY, so a forgotten variable cannot ship a known key.
_DEV_SECRET = "lotse-insecure-development-key-do-not-use-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if env_bool("LOTSE_DEV", True) else None)
if SECRET_KEY == _DEV_SECRET and not env_bool("LOTSE_DEV", True):
    raise ConfigError("SECRET_KEY must be set outside development.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "lotse.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "lotse.accounts",
    "lotse.network",
    "lotse.people",
    "lotse.namekeys",
    "lotse.cases",
    "lotse.access",
    "lotse.audit",
    "lotse.intake",
    "lotse.residence",
    "lotse.synth",
    "lotse.plans",
    "lotse.contacts",
    "lotse.deadlines",
    "lotse.conferences",
    "lotse.directory",
    "lotse.dedupe",
    "lotse.outreach",
    "lotse.referrals",
]

MIDDLEWARE = [
    "lotse.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "lotse.core.security.PermissionsPolicyMiddleware",
    # Outside the session and authentication middleware: it also marks their own
    # answers (second-factor redirects, lockouts) once request.user is known.
    "lotse.core.security.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lotse.accounts.idle.SessionRenewalMiddleware",
    "lotse.core.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lotse.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotse.core.context_processors.navigation",
            ],
            # `{% load i18n %}` loads Django's library with a cheaper constant
            # `{% translate %}` (same output; see the module).
            "libraries": {"i18n": "lotse.core.templatetags.lotse_i18n"},
            # `{% url %}` is Django's, with the reversed path kept (see the module).
            "builtins": ["lotse.core.templatetags.lotse_urls"],
        },
    },
]

# Forms render as with Django's own renderer; the error list and label are faster.
FORM_RENDERER = "lotse.core.forms.FormRenderer"

_default_db = f"sqlite:///{DATA_DIR / 'lotse.sqlite3'}"


def _database(variable: str, url: str) -> dict[str, Any]:
    try:
        database: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        )
    except ValueError as exc:
        raise ConfigError(f"{variable} is not a valid database URL: {exc}") from None
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["CONN_MAX_AGE"] = 0
        # WAL lets readers work while one writer commits; IMMEDIATE avoids the
        # "database is locked" upgrade deadlock between two writing transactions.
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
        }
    else:
        database["CONN_HEALTH_CHECKS"] = True
        # Parallel query: set here, the operator's choice for every process;
        # unset, `lotse serve` turns it off for its pages (lotse.core.parallel)
        # and task workers and the reports connection keep PostgreSQL's.
        if "LOTSE_DB_PARALLEL_WORKERS" in os.environ:
            workers = env_int("LOTSE_DB_PARALLEL_WORKERS", 2, minimum=0)
            options = database.setdefault("OPTIONS", {})
            parallel = f"-c max_parallel_workers_per_gather={workers}"
            options["options"] = f"{options.get('options', '')} {parallel}".strip()
    return database


def reports_database(database: dict[str, Any]) -> dict[str, Any]:
    """The reports alias made from a database dict: read-only, quick to give up, a test mirror.

    Read-only on the connection itself, so a write routed there by mistake fails
    loudly instead of landing on the wrong server (a real replica refuses it too).
    In tests it mirrors "default": the same test database through its own connection.
    """
    reports = {**database, "OPTIONS": dict(database.get("OPTIONS") or {})}
    options = reports["OPTIONS"]
    if reports["ENGINE"] == "django.db.backends.sqlite3":
        options["transaction_mode"] = "DEFERRED"
        options["init_command"] = f"{options.get('init_command', '')} PRAGMA query_only=ON;"
    else:
        # An unreachable replica must not hold a request for long: reports then
        # fall back to the primary (lotse.core.reports).
        options.setdefault("connect_timeout", 3)
        readonly = "-c default_transaction_read_only=on"
        options["options"] = f"{options.get('options', '')} {readonly}".strip()
    reports["TEST"] = {**(database.get("TEST") or {}), "MIRROR": "default"}
    return reports


DATABASES = {"default": _database("DATABASE_URL", env_str("DATABASE_URL", _default_db))}
# A streaming replica for the coordinator's anonymised reports (lotse.core.reports):
# only reads inside `reports.reading()` go there; every write, the audit trail
# included, stays on the primary. Unset: everything uses the primary.
_reports_url = env_str("LOTSE_REPORTS_DATABASE_URL", "")
if _reports_url:
    DATABASES["reports"] = reports_database(_database("LOTSE_REPORTS_DATABASE_URL", _reports_url))
DATABASE_ROUTERS = ["lotse.core.reports.ReportsRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Second factor for every role that can see personal data. The demo turns it
# off (and says so loudly) so that a first look needs no authenticator app.
LOTSE_REQUIRE_2FA = env_bool("LOTSE_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Lotse"

AXES_FAILURE_LIMIT = env_int("LOTSE_LOCKOUT_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOTSE_LOCKOUT_MINUTES", 30, minimum=1) / 60
# Lock the account, not the address: staff share office NAT addresses, and an
# attacker rotating addresses must still hit the per-account limit.
AXES_LOCKOUT_PARAMETERS = ["username"]
# templates.W003 warns that "i18n" names two libraries: by design, TEMPLATES maps
# `{% load i18n %}` to lotse.core.templatetags.lotse_i18n, Django's tags with a
# memoised constant {% translate %}; no other library shares a name.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "templates.W003"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Inactivity expiry: the stored session expires SESSION_COOKIE_AGE after its last
# save, so the age is the idle limit. lotse.accounts.idle renews it at most every
# SESSION_RENEW_SECONDS (a tenth of the limit, at most a minute) instead of writing
# the session on every request; the limit may end that much early, never late.
SESSION_COOKIE_AGE = env_int("LOTSE_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_RENEW_SECONDS = min(60, SESSION_COOKIE_AGE // 10)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

_tls = env_bool("LOTSE_TLS", not DEBUG)
SESSION_COOKIE_SECURE = _tls
CSRF_COOKIE_SECURE = _tls
SECURE_SSL_REDIRECT = env_bool("LOTSE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if _tls else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _tls
SECURE_HSTS_PRELOAD = _tls
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A load balancer probes health over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]

# No inline scripts or styles anywhere, so no 'unsafe-inline': an injected
# <script> or style attribute does nothing. Swagger UI (/api/docs/) loads its
# start-up script from a URL (SpectacularSwaggerSplitView) and fits this policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every request when it is missing
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DOCUMENTS_DIR, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Documents live outside the web root and are served only through views that
# check visibility; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = DOCUMENTS_DIR
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Case documents (lotse.contacts): encrypted with Fernet before they touch the disk.
# LOTSE_DOCUMENT_KEY may list several comma-separated keys: the first encrypts, all
# decrypt, so a key can be rotated. Outside development a key must be set.
_DEV_DOCUMENT_KEY = "bG90c2UtZGV2LWRvY3VtZW50LWtleS0wMTIzNDU2Nzg="
LOTSE_DOCUMENTS_DIR = DOCUMENTS_DIR  # one folder: consent scans and case documents
LOTSE_DOCUMENT_KEYS = env_list(
    "LOTSE_DOCUMENT_KEY", [_DEV_DOCUMENT_KEY] if env_bool("LOTSE_DEV", True) else []
)
if not LOTSE_DOCUMENT_KEYS:
    raise ConfigError("LOTSE_DOCUMENT_KEY must be set outside development.")
if _DEV_DOCUMENT_KEY in LOTSE_DOCUMENT_KEYS and not env_bool("LOTSE_DEV", True):
    raise ConfigError("LOTSE_DOCUMENT_KEY must not be the development key outside development.")
for _key in LOTSE_DOCUMENT_KEYS:
    try:
        _valid_key = len(base64.urlsafe_b64decode(_key.encode())) == 32
    except (ValueError, binascii.Error):
        _valid_key = False
    if not _valid_key:
        raise ConfigError("LOTSE_DOCUMENT_KEY must be Fernet keys (32 bytes, url-safe base64).")
LOTSE_DOCUMENT_MAX_BYTES = env_int("LOTSE_DOCUMENT_MAX_MB", 10, minimum=1) * 1024 * 1024
# Open cases without a contact for this many weeks are listed as dormant.
LOTSE_DORMANT_WEEKS = env_int("LOTSE_DORMANT_WEEKS", 12, minimum=1)
# pg_trgm as an extra candidate source in people search (PostgreSQL only). Off by
# default: at 1M persons it raised search p95 from 35 ms to 432 ms for 0.007 more
# recall@10 (docs/benchmarks.md).
LOTSE_SEARCH_TRIGRAMS = env_bool("LOTSE_SEARCH_TRIGRAMS", False)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "lotse@localhost")
# Absolute links in reminder e-mails and calendar feeds, which are read outside a request.
LOTSE_BASE_URL = env_str("LOTSE_BASE_URL", "http://127.0.0.1:8000")
# Referrals without an answer after this many days show as overdue to the sender.
LOTSE_REFERRAL_ANSWER_DAYS = env_int("LOTSE_REFERRAL_ANSWER_DAYS", 10)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "lotse.accounts.api.auth.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "lotse.accounts.api.permissions.IsVerified",
    ],
    # Refuse NUL characters in any body (PostgreSQL cannot hold them): see parsers.py.
    "DEFAULT_PARSER_CLASSES": [
        "lotse.core.api.parsers.TextJSONParser",
        "lotse.core.api.parsers.TextFormParser",
        "lotse.core.api.parsers.TextMultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lotse API",
    "DESCRIPTION": "Case management across legal areas. Every endpoint applies the same "
    "consent-based visibility as the web interface; forbidden objects answer 404.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a choice set used by several fields (e.g. categories, withheld_categories).
    "ENUM_NAME_OVERRIDES": {
        "DataCategoryEnum": "lotse.core.categories.DataCategory",
        "PhaseEnum": "lotse.cases.choices.Phase",
        "TaskStatusEnum": "lotse.deadlines.choices.TaskStatus",
        # Keeps the consent status's name now that tasks have a status too.
        "StatusEnum": [
            ("in_force", "in force"),
            ("pending", "not yet in force"),
            ("expired", "expired"),
            ("withdrawn", "withdrawn"),
        ],
        "StepStatusEnum": "lotse.plans.choices.StepStatus",
        "ClosingReasonEnum": "lotse.cases.choices.ClosingReason",
        # Residence choices share field names (level, status) with older enums;
        # these keep every enum's name stable whatever is added later.
        "LevelEnum": "lotse.people.choices.LanguageLevel",
        "CertificateLevelEnum": "lotse.residence.choices.CertificateLevel",
        "CriterionStatusEnum": "lotse.residence.choices.CriterionStatus",
        # How a contact happened (lotse.contacts) and how a person was informed
        # of a campaign (lotse.outreach) share the field name "channel".
        "ChannelEnum": "lotse.contacts.choices.Channel",
        "InformedChannelEnum": "lotse.outreach.choices.Channel",
        "ReferralStatusEnum": "lotse.referrals.choices.ReferralStatus",
        "HandoverStatusEnum": "lotse.referrals.choices.HandoverStatus",
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# How far ahead the residence deadline list looks (days); 8 weeks by default.
RESIDENCE_DEADLINE_LEAD_DAYS = env_int("LOTSE_RESIDENCE_DEADLINE_LEAD_DAYS", 56, minimum=1)

# JSON lines on stderr (lotse.core.logs): one line per request, no names, no
# query strings. axes names the username and address in its warnings, so only
# its errors are logged; lockouts stay in its table (`lotse axes_list_attempts`).
_log_format = env_str("LOTSE_LOG_FORMAT", "json")
if _log_format not in {"json", "plain"}:
    raise ConfigError(f"LOTSE_LOG_FORMAT must be json or plain, got {_log_format!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "lotse.core.logs.JsonFormatter"},
        "plain": {"()": "lotse.core.logs.PlainFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": _log_format,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOTSE_LOG_LEVEL", "INFO")},
    # WeasyPrint (plan PDF) logs every layout step at INFO; axes names usernames below ERROR.
    "loggers": {"axes": {"level": "ERROR"}, "weasyprint": {"level": "WARNING"}},
}
