"""Maillage settings, read from the environment (and an optional .env file).

Every variable is listed in .env.example. The test variant is settings_test.
"""

import secrets
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from maillage.config.paths import PACKAGE_DIR, PROJECT_DIR, VAR_DIR

env = environ.Env()
if (PROJECT_DIR / ".env").is_file():
    env.read_env(str(PROJECT_DIR / ".env"))

VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into var/."""
    if value := env.str("SECRET_KEY", default=""):
        return value
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "leaflet",  # django-leaflet: Leaflet's dist files as static files
    "maillage.core",
    "maillage.accounts",
    "maillage.actors",
    "maillage.projects",
    "maillage.partnerships",
    "maillage.funding",
    "maillage.finance",
    "maillage.results",
    "maillage.missions",
    "maillage.team",
    "maillage.reporting",  # the top app: pages that read across the others
    "maillage.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "maillage.core.security.SecurityHeadersMiddleware",
    "maillage.core.security.NullCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "maillage.accounts.middleware.UserLanguageMiddleware",
    "maillage.core.hooks.RequestScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "maillage.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "maillage.config.urls"
WSGI_APPLICATION = "maillage.config.wsgi.application"

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
                "maillage.core.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL in production (DATABASE_URL).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'maillage.sqlite3'}")}
# A connection is kept for the requests of the next minute, on SQLite too: opened for each
# request (its WAL and synchronous pragmas, the natural collation registered), it cost
# ~7 ms of a median page's ~12 at national scale (bench/pages.py through Django's WSGI
# handler, as a server runs it).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let the web process and the worker write side by side.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # No JIT compilation of the queries' expressions (PostgreSQL's default above a cost of
    # 100,000): it took 340 ms of the global search's 440 at national scale, compiling
    # the 674 functions of a statement that asks about every kind, where running them
    # took 100. The application's queries are short; JIT pays off in long reports only.
    # Nor parallel workers for a query (DB_PARALLEL_WORKERS, default 0; PostgreSQL's 2):
    # a web server's requests already keep its cores busy, and each worker a query
    # started cost 3-8 ms before its first row (the global search's expenses, which
    # found none; a risk list of 8 rows). Without them, national scale: the pages'
    # median p95 28.6 -> 23.1 ms, the home page 221 -> 161, the search 207 -> 152.
    parallel = env.int("DB_PARALLEL_WORKERS", default=0)
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (
        f"{options.get('options', '')} -c jit=off -c max_parallel_workers_per_gather={parallel}"
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reporting:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Caches. "shared" is seen by every server process (a database table, made by
# `maillage createcachetable`): throttling counts there, so that N workers do not allow N
# times the rate.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "maillage_cache",
    },
}
# Password-reset requests: at most this many per hour from one address, and for one
# email address.
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/hour")

# Login throttling: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# JSON on the API, the lockout page elsewhere.
AXES_LOCKOUT_CALLABLE = "maillage.accounts.throttling.lockout_response"

# A change's reason is what a user wrote (why an application went in with a document
# missing, why a value was corrected): text, not django-simple-history's 100 characters,
# which PostgreSQL enforces and SQLite does not.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Internationalisation: French first, English too.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "maillage_language"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True
DEFAULT_CURRENCY = env.str("DEFAULT_CURRENCY", default="EUR")

# Static and uploaded files; WhiteNoise serves static files so `make run` needs no other server.
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several app servers share their uploaded files on S3-compatible object storage
# (django-storages) when MEDIA_S3_BUCKET is set; files are always served through the
# app's permission-checked views, so the bucket stays private (signed URLs are not used).
if env.str("MEDIA_S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_BUCKET"),
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_KEY", default="") or None,
            "location": env.str("MEDIA_S3_PREFIX", default="media"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A request body without its files: the longest form or JSON body carries a few texts of
# at most 20,000 characters (their limits are on the models); 2.5 MB leaves room for
# that and refuses (400, 413 on the API) the megabytes a hostile client sends to make
# the server parse them. Files have their own limit (core.uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 512 * 1024
# Fields of one form: a bulk action sends at most core.bulk.MAX_IDS (1,000) row ids,
# an import's preview at most 500 decisions; twice that refuses floods of fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Email: console by default; EMAIL_URL=smtp://user:pass@host:587/?tls=True in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Maillage <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background jobs: django-tasks with the database backend, run by `maillage worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOB_FILES_DIR = "jobs"
# Scheduled backups (core/scheduled.py, run by `maillage scheduler`): every day at
# BACKUP_TIME (local time) into BACKUP_DIR, keeping the newest of each of the last
# BACKUP_KEEP_DAILY days and BACKUP_KEEP_WEEKLY weeks. BACKUP_DIR= (empty) turns them off.
BACKUP_DIR = env.str("BACKUP_DIR", default=str(VAR_DIR / "backups"))
BACKUP_TIME = env.str("BACKUP_TIME", default="02:30")
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_WEEKLY = env.int("BACKUP_KEEP_WEEKLY", default=8)

# Observatory map tiles: URL template ({s} {z} {x} {y}); the map still works without them.
OBSERVATORY_TILE_URL = env.str(
    "OBSERVATORY_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
OBSERVATORY_TILE_ATTRIBUTION = env.str(
    "OBSERVATORY_TILE_ATTRIBUTION",
    default=(
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    ),
)

# Outbound requests (core.net): hosts reachable even on internal addresses (intranet feeds).
OUTBOUND_ALLOWED_HOSTS = env.list("OUTBOUND_ALLOWED_HOSTS", default=[])

# IATI codelists: official publication, cached under var/.
CODELISTS_URL = env.str(
    "CODELISTS_URL",
    default="https://iatistandard.org/reference_downloads/203/codelists/downloads/clv3/xml/",
)
CODELISTS_CACHE_DIR = VAR_DIR / "codelists"

# REST API. Tokens live API_TOKEN_DAYS days from their creation (accounts.ApiToken).
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "maillage.accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["maillage.core.api_settings.RolePermission"],
    "DEFAULT_PAGINATION_CLASS": "maillage.core.api_settings.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "maillage.core.api_settings.OrderingFilter",
    ],
    # JSON and form bodies within DATA_UPLOAD_MAX_MEMORY_SIZE, JSON nested 64 levels at most.
    "DEFAULT_PARSER_CLASSES": [
        "maillage.core.api_settings.JSONParser",
        "maillage.core.api_settings.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # POST /api/auth/token, counted in the shared cache (accounts.throttling).
    "DEFAULT_THROTTLE_RATES": {
        "token_address": env.str("API_TOKEN_RATE_ADDRESS", default="20/min"),
        "token_account": env.str("API_TOKEN_RATE_ACCOUNT", default="10/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Maillage API",
    "DESCRIPTION": "Actors, projects and partnerships of international cooperation.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api",
    # Several models have a `status` (or share a 1–5 scale): one named enum each.
    "ENUM_NAME_OVERRIDES": {
        "LevelEnum": "maillage.projects.models.risks.Level",
        "ProjectStatusEnum": "maillage.projects.models.projects.ProjectStatus",
        "TaskStatusEnum": "maillage.projects.models.planning.TaskStatus",
        "RiskStatusEnum": "maillage.projects.models.risks.RiskStatus",
        "PartnershipStatusEnum": "maillage.partnerships.models.agreements.PartnershipStatus",
        "AgreementStatusEnum": "maillage.partnerships.models.agreements.AgreementStatus",
        "CommitmentStatusEnum": "maillage.partnerships.models.commitments.CommitmentStatus",
        # One name for a choice list several fields share (the funding rules list
        # countries, organisation types and cost categories other fields choose one of).
        "CountryEnum": "maillage.core.reference.country_choices",
        "CurrencyEnum": "maillage.core.reference.currency_choices",
        "TimezoneEnum": "maillage.actors.models.people.timezone_choices",
        "OrganisationTypeEnum": "maillage.actors.models.organisations.OrganisationType",
        "CostCategoryEnum": "maillage.funding.models.instruments.CostCategory",
        # Statuses and kinds of the finance, results, missions and team resources.
        "BudgetVersionKindEnum": "maillage.finance.models.budgets.BudgetVersionKind",
        "BudgetVersionStatusEnum": "maillage.finance.models.budgets.BudgetVersionStatus",
        "ExpenseStatusEnum": "maillage.finance.models.expenses.ExpenseStatus",
        "FinancialReportStatusEnum": "maillage.finance.models.reports.FinancialReportStatus",
        "ValueStatusEnum": "maillage.results.models.values.ValueStatus",
        "IndicatorKindEnum": "maillage.results.models.indicators.IndicatorKind",
        "DimensionKindEnum": "maillage.results.models.indicators.DimensionKind",
        "MissionStatusEnum": "maillage.missions.models.missions.MissionStatus",
        "ChecklistKindEnum": "maillage.missions.models.mission_rows.ChecklistKind",
        "ChecklistStatusEnum": "maillage.missions.models.mission_rows.ChecklistStatus",
        "ContactKindEnum": "maillage.missions.models.mission_rows.ContactKind",
        "FollowUpKindEnum": "maillage.missions.models.mission_rows.FollowUpKind",
        "CostKindEnum": "maillage.missions.models.rates.CostKind",
        "MeetingKindEnum": "maillage.missions.models.meetings.MeetingKind",
        "ActionStatusEnum": "maillage.missions.models.meetings.ActionStatus",
        "StaffKindEnum": "maillage.team.models.staff.StaffKind",
        "LeaveKindEnum": "maillage.team.models.staff.LeaveKind",
        "LeaveStatusEnum": "maillage.team.models.staff.LeaveStatus",
        "TrainingKindEnum": "maillage.team.models.training.TrainingKind",
    },
}

# Security. HTTPS=true turns on the production transport settings (`check --deploy`).
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_HTTPONLY = True
# A session lasts SESSION_COOKIE_AGE from sign-in (the key is renewed at each sign-in);
# SESSION_EXPIRE_AT_BROWSER_CLOSE=true also ends it when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)
SESSION_SAVE_EVERY_REQUEST = False
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "maillage.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy and Permissions-Policy (core.security.SecurityHeadersMiddleware).
# No inline script or style anywhere: pages load their scripts and styles from /static/.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
SECURE_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# Two-factor authentication (TOTP): every user may turn it on; administrators must when
# this is true (the default in production, HTTPS=true).
TWO_FACTOR_REQUIRED_FOR_ADMINS = env.bool("TWO_FACTOR_REQUIRED_FOR_ADMINS", default=HTTPS)
TWO_FACTOR_ISSUER = env.str("TWO_FACTOR_ISSUER", default="Maillage")
if HTTPS:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Structured logs: one JSON object per line (LOG_FORMAT=json) or readable text.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "maillage.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="json"),
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
