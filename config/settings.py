"""Zicht settings: one module, driven by the environment, failing loudly on bad values.

ZICHT_ENV selects the mode: ``development`` (the local demo: SQLite, generated secrets),
``test`` (the test suite) or ``production`` (every secret from the environment, or no start).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import dev_secrets, env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ZICHT_VAR_DIR", str(BASE_DIR / "var")))

ZICHT_ENV = env_choice("ZICHT_ENV", ("development", "test", "production"), "development")
PRODUCTION = ZICHT_ENV == "production"
DEBUG = env_bool("DJANGO_DEBUG", ZICHT_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when ZICHT_ENV=production")

# --- secrets -----------------------------------------------------------------------------
_SECRET_NAMES = (
    "DJANGO_SECRET_KEY",
    "ZICHT_FIELD_KEYS",
    "ZICHT_PSEUDONYM_KEY",
    "ZICHT_AUDIT_KEY",
    "ZICHT_SEARCH_KEY",
)
if PRODUCTION:
    _missing = [name for name in _SECRET_NAMES if not env_str(name)]
    if _missing:
        raise ImproperlyConfigured(f"Production needs these secrets in the environment: {', '.join(_missing)}")
    _secrets: dict[str, str] = {name: env_str(name, "") for name in _SECRET_NAMES}
elif ZICHT_ENV == "test":
    _secrets = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ZICHT_FIELD_KEYS": Fernet.generate_key().decode(),
        "ZICHT_PSEUDONYM_KEY": secrets.token_urlsafe(32),
        "ZICHT_AUDIT_KEY": secrets.token_urlsafe(32),
        "ZICHT_SEARCH_KEY": secrets.token_urlsafe(32),
    }
    _secrets.update({name: env_str(name, "") for name in _SECRET_NAMES if env_str(name)})
else:
    _secrets = dev_secrets(VAR_DIR / "dev-secrets.json")
    _secrets.update({name: env_str(name, "") for name in _SECRET_NAMES if env_str(name)})

SECRET_KEY: str = _secrets["DJANGO_SECRET_KEY"]
# Fernet keys for identifying fields, newest first (rotation: prepend a new key, re-save rows).
FIELD_ENCRYPTION_KEYS: list[str] = [k.strip() for k in _secrets["ZICHT_FIELD_KEYS"].split(",") if k.strip()]
for _key in FIELD_ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured("ZICHT_FIELD_KEYS holds a value that is not a Fernet key") from None
# Server-held HMAC key for pseudonymous match keys (never leaves the server).
PSEUDONYM_KEY: str = _secrets["ZICHT_PSEUDONYM_KEY"]
if PRODUCTION and len(PSEUDONYM_KEY) < 32:
    raise ImproperlyConfigured("ZICHT_PSEUDONYM_KEY must be at least 32 characters")
# HMAC key of the blind index that finds young people by name and date of birth (zicht/people/search.py).
SEARCH_INDEX_KEY: str = _secrets["ZICHT_SEARCH_KEY"]
if PRODUCTION and len(SEARCH_INDEX_KEY) < 32:
    raise ImproperlyConfigured("ZICHT_SEARCH_KEY must be at least 32 characters")
# HMAC key of the access log's chain and of its checkpoint (never stored in the database).
AUDIT_CHAIN_KEY: str = _secrets["ZICHT_AUDIT_KEY"]
if PRODUCTION and len(AUDIT_CHAIN_KEY) < 32:
    raise ImproperlyConfigured("ZICHT_AUDIT_KEY must be at least 32 characters")
# The signed checkpoint of the chain head, kept outside the database (docs/data-protection.md).
# Tests leave it off unless a test sets it.
_checkpoint_default = None if ZICHT_ENV == "test" else (None if PRODUCTION else str(VAR_DIR / "audit-checkpoint.json"))
AUDIT_CHECKPOINT_PATH: str | None = env_str("ZICHT_AUDIT_CHECKPOINT_PATH", _checkpoint_default)
if PRODUCTION and not AUDIT_CHECKPOINT_PATH:
    raise ImproperlyConfigured("Production needs ZICHT_AUDIT_CHECKPOINT_PATH (a file outside the database server)")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the production host(s)")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# --- applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "zicht.accounts.apps.ZichtAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "zicht.common",
    "zicht.outbox",
    "zicht.accounts",
    "zicht.audit",
    "zicht.people",
    "zicht.api",
    "zicht.framework",
    "zicht.concerns",
    "zicht.cases",
    "zicht.walk_ins",
    "zicht.outreach",
    "zicht.matching",
    "zicht.sources",
    "zicht.stats",
    "zicht.council",
    "zicht.retention",
    "zicht.meetings",
]

MIDDLEWARE = [
    "zicht.common.request_log.RequestIdMiddleware",  # first: every response carries X-Request-ID
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zicht.common.middleware.ChosenLanguageMiddleware",  # Dutch unless chosen otherwise
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zicht.common.middleware.NoStoreForAuthenticatedMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zicht.accounts.middleware.SessionLifetimeMiddleware",
    "zicht.accounts.middleware.RequireMFAMiddleware",
    "zicht.audit.middleware.DeniedAccessLogMiddleware",  # 403s and object 404s in the access log
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:  # static files from the app servers, compressed and cache-busted
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
                "zicht.accounts.context_processors.membership",
            ],
        },
    }
]

# --- database --------------------------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR / 'zicht.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db), conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(f"DATABASE_URL names an unsupported engine: {DATABASES['default']['ENGINE']}")

# --- authentication --------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ZICHT_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout (django-axes) per account, whatever the address: after ZICHT_LOGIN_FAILURE_LIMIT
# failures the account is refused, even with the right password from elsewhere. Beside it a limit
# of failed logins per client address (password spraying over many accounts).
AXES_FAILURE_LIMIT = env_int("ZICHT_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("ZICHT_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zicht.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "zicht.accounts.client_address.client_address"
ZICHT_LOGIN_ADDRESS_RATE = env_str("ZICHT_LOGIN_ADDRESS_RATE", "20/15m")  # failed logins per address
# The client address behind a TLS proxy (zicht/accounts/client_address.py): the header the proxy
# sets, which hop from the right, and optionally which proxy addresses may set it.
ZICHT_TRUSTED_PROXY_HEADER = env_str("ZICHT_TRUSTED_PROXY_HEADER", "")
ZICHT_TRUSTED_PROXY_COUNT = env_int("ZICHT_TRUSTED_PROXY_COUNT", 1, minimum=1)
ZICHT_TRUSTED_PROXY_ADDRESSES = env_list("ZICHT_TRUSTED_PROXY_ADDRESSES", [])
RATELIMIT_IP_META_KEY = "zicht.accounts.client_address.client_address"
# axes.W006 asks for the address among the lockout parameters; the per-address limit here is the
# failed-login limit above (keyed on the client address, not on user agent or cookies).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Sessions: in the database, 15 minutes idle, 12 hours at most after login.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_SECONDS = env_int("ZICHT_SESSION_IDLE_SECONDS", 15 * 60, minimum=60)
SESSION_ABSOLUTE_SECONDS = env_int("ZICHT_SESSION_ABSOLUTE_SECONDS", 12 * 3600, minimum=60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = "Zicht"
# Second-factor enrolment only through an administrator's one-time invitation link.
ZICHT_ENROLMENT_INVITATION_HOURS = env_int("ZICHT_ENROLMENT_INVITATION_HOURS", 24, minimum=1)
# Accounts without a login for this many days are deactivated by the daily jobs.
ZICHT_DEACTIVATE_AFTER_DAYS = env_int("ZICHT_DEACTIVATE_AFTER_DAYS", 90, minimum=1)
# Demo users may skip MFA, but only in development with this flag left on.
ZICHT_DEMO_MFA_WAIVER = DEBUG and env_bool("ZICHT_DEMO_MFA_WAIVER", True)

# --- security headers ------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"  # Dutch, in the site's layout (templates/403_csrf.html)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Health checks come from the supervisor or load balancer over plain HTTP on the host.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch (Django's set_language) stores the choice in this cookie for a year;
# without it the interface is Dutch whatever the browser asks for.
LANGUAGE_COOKIE_NAME = "zicht_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static files and e-mail -----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", PRODUCTION)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "zicht@localhost")
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 20, minimum=1)
# The outbox (zicht/outbox): first retry after this many seconds, doubling up to 6 hours; after
# this many attempts a message is marked failed. Sent messages are deleted after the given days.
ZICHT_OUTBOX_RETRY_SECONDS = env_int("ZICHT_OUTBOX_RETRY_SECONDS", 60, minimum=1)
ZICHT_OUTBOX_MAX_ATTEMPTS = env_int("ZICHT_OUTBOX_MAX_ATTEMPTS", 12, minimum=1)
ZICHT_OUTBOX_KEEP_SENT_DAYS = env_int("ZICHT_OUTBOX_KEEP_SENT_DAYS", 30, minimum=1)
# Development has no worker running: send queued mail right after the commit (never in production).
ZICHT_OUTBOX_SEND_ON_COMMIT = env_bool("ZICHT_OUTBOX_SEND_ON_COMMIT", ZICHT_ENV == "development")
# The address users reach the app on, for links in e-mails sent by commands (the daily digest).
ZICHT_SITE_URL = env_str("ZICHT_SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "zicht_cache"},
    # Rate limits (public form, logins, password reset): one statement per count, shared by all workers.
    "ratelimit": {"BACKEND": "zicht.accounts.counter_cache.CounterCache"},
}
RATELIMIT_USE_CACHE = "ratelimit"

# --- domain settings -------------------------------------------------------------------------
ZICHT_MUNICIPALITY = env_str("ZICHT_MUNICIPALITY", "Den Haag")
# Counts below this threshold are never published (disclosure control).
ZICHT_DISCLOSURE_THRESHOLD = env_int("ZICHT_DISCLOSURE_THRESHOLD", 10, minimum=2)
ZICHT_DISCLOSURE_ROUNDING = env_int("ZICHT_DISCLOSURE_ROUNDING", 5, minimum=1)
ZICHT_INVOLVEMENT_RETENTION_DAYS = env_int("ZICHT_INVOLVEMENT_RETENTION_DAYS", 730, minimum=1)
ZICHT_CLOSED_CASE_RETENTION_DAYS = env_int("ZICHT_CLOSED_CASE_RETENTION_DAYS", 5 * 365, minimum=1)
ZICHT_CONCERN_RETENTION_DAYS = env_int("ZICHT_CONCERN_RETENTION_DAYS", 2 * 365, minimum=1)
ZICHT_PUBLIC_FORM_RATE = env_str("ZICHT_PUBLIC_FORM_RATE", "5/h")
# Partner list uploads: at most this many bytes and data rows. Uploads above
# FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file; the list is read from it line by line.
ZICHT_UPLOAD_MAX_BYTES = env_int("ZICHT_UPLOAD_MAX_BYTES", 50 * 2**20, minimum=1)
ZICHT_UPLOAD_MAX_ROWS = env_int("ZICHT_UPLOAD_MAX_ROWS", 200_000, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, stated: larger files are not kept in memory
FILE_UPLOAD_HANDLERS = [
    "zicht.common.uploads.UploadSizeLimitHandler",  # stops a file past ZICHT_UPLOAD_MAX_BYTES as it streams in
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Password reset requests: per client address, and per account (the address typed) from anywhere.
ZICHT_PASSWORD_RESET_ADDRESS_RATE = env_str("ZICHT_PASSWORD_RESET_ADDRESS_RATE", "10/h")
ZICHT_PASSWORD_RESET_ACCOUNT_RATE = env_str("ZICHT_PASSWORD_RESET_ACCOUNT_RATE", "3/h")
# Shown on the public form's confirmation: the support organisation's phone line (when the
# organisation has no number of its own), its opening hours, and within how many working days
# it contacts someone who left contact details.
ZICHT_SUPPORT_PHONE = env_str("ZICHT_SUPPORT_PHONE", "070 000 0001")
ZICHT_SUPPORT_HOURS = env_str("ZICHT_SUPPORT_HOURS", "maandag tot en met vrijdag van 9.00 tot 17.00 uur")
ZICHT_SUPPORT_RESPONSE_DAYS = env_int("ZICHT_SUPPORT_RESPONSE_DAYS", 2, minimum=1)
# Written council questions: article 30 answer period (e.g. "art30:21d" calendar days, "art30:15wd"
# working days), warning window, and the signatories of the answer letter.
ZICHT_COUNCIL_DEADLINE_RULE = env_str("ZICHT_COUNCIL_DEADLINE_RULE", "art30:21d")
ZICHT_COUNCIL_WARNING_DAYS = env_int("ZICHT_COUNCIL_WARNING_DAYS", 5, minimum=0)
ZICHT_COUNCIL_SECRETARY = env_str("ZICHT_COUNCIL_SECRETARY", "")
ZICHT_COUNCIL_MAYOR = env_str("ZICHT_COUNCIL_MAYOR", "")

# Every log line carries the request id; personal data (BSN-like numbers, e-mail addresses) is
# removed from messages and tracebacks before any handler writes them.
ZICHT_TRUST_REQUEST_ID_HEADER = env_bool("ZICHT_TRUST_REQUEST_ID_HEADER", False)  # only behind a proxy that sets it
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "zicht.common.request_log.RequestIdFilter"},
        "redact": {"()": "zicht.common.request_log.RedactPersonalData"},
    },
    "formatters": {
        "default": {"format": "%(asctime)s %(levelname)s %(name)s [request %(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id", "redact"], "formatter": "default"}
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
