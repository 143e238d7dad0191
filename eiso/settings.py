"""The one settings module: every value comes from the environment, with safe defaults.

The embedded default (no variables set) runs on an SQLite file under ./var/ with Celery eager.
Production sets EISO_PRODUCTION=true, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url

from eiso.env import (
    eiso_home_default,
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_path,
    env_str,
    env_time,
    secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent
# Every path derives from EISO_HOME (default: the checkout that holds this package), never from the
# directory a process happens to start in (docs/deployment.md lists the layout).
BASE_DIR = env_path("EISO_HOME", eiso_home_default(PACKAGE_DIR))
VAR_DIR = env_path("EISO_VAR_DIR", BASE_DIR / "var")

PRODUCTION = env_bool("EISO_PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR, debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Apps in the order of the dependency ladder (docs/architecture.md): an app imports only apps above it here.
EISO_APPS = [
    "eiso.core",
    "eiso.outbox",
    "eiso.jobs",
    "eiso.signatures",
    "eiso.staff",
    "eiso.workdays",
    "eiso.procedures",
    "eiso.dossiers",
    "eiso.surveys",
    "eiso.documents",
    "eiso.audits",
    "eiso.improvements",
    "eiso.risks",
    "eiso.objectives",
    "eiso.reviews",
    "eiso.reports",
    "eiso.portal",
    "eiso.api",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "django_tables2",
    "csp",
    "simple_history",
    "axes",
    *EISO_APPS,
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
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "eiso.core.middleware.AgencyMiddleware",
    "eiso.core.errors.ErrorPageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eiso.urls"
WSGI_APPLICATION = "eiso.wsgi.application"

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
                "eiso.core.context_processors.shell",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'eiso.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast when Redis is down: callers degrade instead of hanging a worker.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# The daily reminders run at this local time (HH:MM, Asia/Ho_Chi_Minh); eiso/celery.py holds the schedule.
EISO_REMINDERS_AT = env_time("EISO_REMINDERS_AT", "07:00")
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Where long jobs run: "celery" (the worker; production), "thread" (this process; embedded default) or
# "sync" (inside the request; tests).
EISO_JOBS_MODE = env_str("EISO_JOBS_MODE", "celery" if REDIS_URL else "thread")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = env_int("EISO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("EISO_LOGIN_LOCK_MINUTES", 15))
# Lock a username from one address: staff of an agency often share one NAT address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env_int("EISO_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["eiso.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = env_path("EISO_NODE_MODULES", BASE_DIR / "node_modules")
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/flatpickr", NODE_MODULES / "flatpickr" / "dist"),
    ("vendor/tom-select", NODE_MODULES / "tom-select" / "dist"),
    ("vendor/swagger-ui", NODE_MODULES / "swagger-ui-dist"),
]
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even when serving from finders
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env_path("EISO_MEDIA_ROOT", VAR_DIR / "media")
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
EISO_MAX_UPLOAD_BYTES = env_int("EISO_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

_email = dj_email_url.parse(env_str("EMAIL_URL", "console://"))
# Every mail goes into the outbox first (eiso.outbox); the sender delivers it with the backend of EMAIL_URL.
EMAIL_BACKEND = "eiso.outbox.backend.OutboxEmailBackend"
EISO_EMAIL_DELIVERY_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "eISO <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address users reach the site at, for links in e-mails (e.g. https://eiso.example.gov.vn).
EISO_BASE_URL = env_str("EISO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health probe may speak plain HTTP
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The public pages (lookup, survey) allow this many requests per client address per minute.
EISO_PUBLIC_RATE_PER_MINUTE = env_int("EISO_PUBLIC_RATE_PER_MINUTE", 30)

# Reverse proxies whose forwarded-for header is believed (addresses or networks, e.g. 127.0.0.1,10.0.0.0/8);
# empty: the direct peer is the client (docs/deployment.md).
EISO_TRUSTED_PROXIES = env_networks("EISO_TRUSTED_PROXIES")
EISO_FORWARDED_FOR_HEADER = env_str("EISO_FORWARDED_FOR_HEADER", "HTTP_X_FORWARDED_FOR")
AXES_CLIENT_IP_CALLABLE = "eiso.core.clientaddr.client_address"

# The day the application lives on (eiso.core.clock), e.g. 2017-08-07 for the demo; empty: the real date.
EISO_TODAY = env_str("EISO_TODAY", "")

# Content-Security-Policy (django-csp): scripts only from the site's own static files, no inline script or
# handler anywhere (eiso/core/static/core/behaviours.js holds the small behaviours pages need). Inline
# styles stay allowed: the charts are inline SVG carrying their own <style>, and htmx injects its
# indicator style; style injection cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
