"""Settings shared by every environment, driven by environment variables (django-environ).

With no configuration at all the app runs on the embedded default: SQLite, local files,
the offline extractor, self-hosted publishing and Celery over a broker that needs no server.
Setting DATABASE_URL / REDIS_URL switches to PostgreSQL, Redis-backed Celery, cache and
channel layer. Each integration turns on when its key is set.
"""
import secrets
from datetime import timedelta
from pathlib import Path

import environ
import structlog
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env("R2W_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "staticfiles").mkdir(exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    if env("SECRET_KEY", default=None):
        return env("SECRET_KEY")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
SITE_ID = 1

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "django_htmx",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.openid_connect",
    "accounts",
    "cvs",
    "portfolios",
    "payments",
    "monitoring",
    "operations",
]

MIDDLEWARE = [
    "resume2website.correlation.RequestIdMiddleware",
    "monitoring.middleware.MetricsMiddleware",
    "portfolios.middleware.CustomDomainMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "resume2website.urls"
WSGI_APPLICATION = "resume2website.wsgi.application"
ASGI_APPLICATION = "resume2website.asgi.application"

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

# --- Database -------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE transactions plus a busy timeout
    # make concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.int("DB_POOL_MAX_SIZE", default=20):
    # A pool per process (psycopg_pool): each request borrows a warm connection and gives it back
    # when it ends, so requests pay no connection setup and a process never holds more than
    # max_size connections (the streams' STREAM_DB_THREADS keep theirs; requests share the rest).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN_SIZE", default=2),
        "max_size": env.int("DB_POOL_MAX_SIZE", default=20),
        "timeout": env.float("DB_POOL_TIMEOUT", default=20.0),
    }
else:
    # DB_POOL_MAX_SIZE=0: no pool. Connections belong to threads, and under ASGI every request in
    # flight has a thread of its own (kept for later requests, see request_threads.py), so
    # persistent connections (CONN_MAX_AGE > 0) would stay open, one per thread; closing each
    # request's connection when it ends keeps them to the requests in flight.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, channel layer, Celery broker ------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "resume2website.redis_pool.SharedRedisCache", "LOCATION": REDIS_URL}}
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [REDIS_URL]}}
    }
    CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
else:
    # Database cache: shared by the web and worker processes (rate limits, breaker state).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "r2w_cache"}}
    # No Redis: streams poll the progress-event table; this layer only serves one process.
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.2,
    }

CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_BEAT_SCHEDULE["portfolios-expire-previews"] = {"task": "portfolios.tasks.portfolio_cleanup_task", "schedule": 300.0}
CELERY_BEAT_SCHEDULE["cvs-stale-jobs-sweep"] = {"task": "cvs.tasks.cv_stale_jobs_sweep_task", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["monitoring-worker-heartbeat"] = {
    "task": "monitoring.tasks.worker_heartbeat", "schedule": float(env.int("WORKER_HEARTBEAT_SECONDS", default=30))}
CELERY_BEAT_SCHEDULE["monitoring-alerts"] = {"task": "monitoring.tasks.alerts_evaluate", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["monitoring-cleanup"] = {"task": "monitoring.tasks.monitoring_cleanup", "schedule": crontab(hour=3, minute=41)}
CELERY_BEAT_SCHEDULE["payments-sync-events"] = {"task": "payments.tasks.payment_events_sync_task", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["operations-cleanup"] = {"task": "operations.tasks.operations_cleanup_task", "schedule": crontab(hour=3, minute=17)}

# --- Storage --------------------------------------------------------------------------
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(VAR_DIR / "backups")))
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=7 * 24 * 3600)
SESSION_ENGINE = "accounts.sessions"  # database sessions that know their user (accounts.Session)
SESSION_COOKIE_HTTPONLY = True
# "None" (with HTTPS) lets a front end on another site use the cookie session; see README.
SESSION_COOKIE_SAMESITE = env("SESSION_COOKIE_SAMESITE", default="Lax")
CSRF_COOKIE_SAMESITE = env("CSRF_COOKIE_SAMESITE", default="Lax")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

# OAuth providers: each one is on only when its client id and secret are set. LinkedIn signs
# in with OpenID Connect (allauth's openid_connect provider; its older OAuth2 API is retired).
# <PROVIDER>_OAUTH_BASE_URL sends every request for that provider's hosts to another server
# (an egress proxy, or the fake provider the tests run on 127.0.0.1); see accounts/oauth.py.
OAUTH_PROVIDERS = {
    name: {
        "client_id": env(f"{prefix}_CLIENT_ID", default=""),
        "secret": env(f"{prefix}_CLIENT_SECRET", default=""),
        "base_url": env(f"{prefix}_OAUTH_BASE_URL", default=""),
    }
    for name, prefix in (("google", "GOOGLE"), ("facebook", "FACEBOOK"), ("linkedin", "LINKEDIN"))
}


def socialaccount_providers(oauth: dict) -> dict:
    """allauth's SOCIALACCOUNT_PROVIDERS for the providers whose id and secret are set."""
    providers: dict = {}
    google, facebook, linkedin = oauth["google"], oauth["facebook"], oauth["linkedin"]
    if google["client_id"] and google["secret"]:
        providers["google"] = {
            "APPS": [{"client_id": google["client_id"], "secret": google["secret"], "key": ""}],
            "SCOPE": ["openid", "profile", "email"],
        }
    if facebook["client_id"] and facebook["secret"]:
        # Facebook only returns an email address its owner has confirmed.
        providers["facebook"] = {
            "APPS": [{"client_id": facebook["client_id"], "secret": facebook["secret"], "key": ""}],
            "SCOPE": ["email", "public_profile"],
            "VERIFIED_EMAIL": True,
        }
    if linkedin["client_id"] and linkedin["secret"]:
        providers["openid_connect"] = {
            "APPS": [
                {
                    "provider_id": "linkedin",
                    "name": "LinkedIn",
                    "client_id": linkedin["client_id"],
                    "secret": linkedin["secret"],
                    "settings": {"server_url": "https://www.linkedin.com/oauth"},
                }
            ],
        }
    return providers


SOCIALACCOUNT_PROVIDERS = socialaccount_providers(OAUTH_PROVIDERS)
SOCIALACCOUNT_ADAPTER = "accounts.oauth.SocialAccountAdapter"

# --- API ------------------------------------------------------------------------------
API_RATE_LIMIT = env("API_RATE_LIMIT", default="100/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.SessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "resume2website.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "resume2website.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "resume2website.throttling.AnonRateThrottle",
        "resume2website.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": API_RATE_LIMIT,
        "user": API_RATE_LIMIT,
        "login": env("LOGIN_RATE_LIMIT", default="10/min"),
        "upload": env("UPLOAD_RATE_LIMIT", default="20/min"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Resume2Website API",
    "DESCRIPTION": "Turn a CV into a personal portfolio website: upload, extraction, editing, "
    "themes, previews, payments and publishing.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})["PaymentFeatureEnum"] = "payments.models.FEATURES"
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "monitoring.api.schema.stream_routes_hook",  # the SSE routes are async views, outside DRF
]
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_CREDENTIALS = True
# A front end allowed to call the API with credentials may also send it unsafe requests.
CSRF_TRUSTED_ORIGINS += [o for o in CORS_ALLOWED_ORIGINS if o not in CSRF_TRUSTED_ORIGINS]
CORS_EXPOSE_HEADERS = ["content-disposition", "retry-after", "x-request-id"]
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "x-csrftoken",
    "x-requested-with",
    "x-request-id",
    "x-session-token",
    "last-event-id",
)

# --- Product limits (DESIGN.md "Limits") -----------------------------------------------
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
RESUME_GATE_THRESHOLD = env.int("RESUME_GATE_THRESHOLD", default=60)
EXTRACTION_CACHE_DAYS = env.int("EXTRACTION_CACHE_DAYS", default=30)
EXTRACTION_CACHE_MIN_CONFIDENCE = env.float("EXTRACTION_CACHE_MIN_CONFIDENCE", default=0.75)
EXTRACTION_STALE_AFTER_SECONDS = env.int("EXTRACTION_STALE_AFTER_SECONDS", default=600)
PREVIEW_MAX_ACTIVE_PER_USER = env.int("PREVIEW_MAX_ACTIVE_PER_USER", default=20)
PREVIEW_TTL = timedelta(hours=env.int("PREVIEW_TTL_HOURS", default=24))
CIRCUIT_BREAKER_FAIL_MAX = env.int("CIRCUIT_BREAKER_FAIL_MAX", default=5)
CIRCUIT_BREAKER_RESET_TIMEOUT = env.int("CIRCUIT_BREAKER_RESET_TIMEOUT", default=60)
MAINTENANCE_MODE = env.bool("MAINTENANCE_MODE", default=False)

# --- Monitoring: live streams, operations figures, alerts, stored logs -------------------
STREAM_HEARTBEAT_SECONDS = env.float("STREAM_HEARTBEAT_SECONDS", default=15.0)
STREAM_POLL_SECONDS = env.float("STREAM_POLL_SECONDS", default=0.25)  # embedded mode: no cross-process ring
STREAM_SAFETY_POLL_SECONDS = env.float("STREAM_SAFETY_POLL_SECONDS", default=5.0)  # Redis: missed-ring net
STREAM_MAX_SECONDS = env.float("STREAM_MAX_SECONDS", default=3600.0)  # then the client reconnects
STREAM_DB_THREADS = env.int("STREAM_DB_THREADS", default=4)  # database threads (and connections) for all streams
STREAM_TEST_TIMEOUT_MAX_SECONDS = env.int("STREAM_TEST_TIMEOUT_MAX_SECONDS", default=60)
METRICS_TOKEN = env("METRICS_TOKEN", default="")  # when set, /metrics needs "Authorization: Bearer <token>"
PERFORMANCE_WINDOW_SECONDS = env.int("PERFORMANCE_WINDOW_SECONDS", default=3600)
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=30)
ALERT_WINDOW_SECONDS = env.int("ALERT_WINDOW_SECONDS", default=900)
ALERT_ERROR_RATE = env.float("ALERT_ERROR_RATE", default=0.25)
ALERT_ERROR_MIN_RUNS = env.int("ALERT_ERROR_MIN_RUNS", default=4)
ALERT_P95_TARGET_SECONDS = env.float("ALERT_P95_TARGET_SECONDS", default=30.0)
ALERT_QUEUE_BACKLOG = env.int("ALERT_QUEUE_BACKLOG", default=50)
LOG_AGGREGATION_LEVEL = env("LOG_AGGREGATION_LEVEL", default="WARNING")
LOG_BUFFER_MAX = env.int("LOG_BUFFER_MAX", default=2000)
LOG_FLUSH_SECONDS = env.float("LOG_FLUSH_SECONDS", default=2.0)
LOG_RETENTION_DAYS = env.int("LOG_RETENTION_DAYS", default=14)
PROGRESS_EVENT_RETENTION_DAYS = env.int("PROGRESS_EVENT_RETENTION_DAYS", default=30)

# --- Integrations: each one on only when its key is set ---------------------------------
ANTHROPIC_API_KEY = env("ANTHROPIC_API_KEY", default="")
ANTHROPIC_BASE_URL = env("ANTHROPIC_BASE_URL", default="https://api.anthropic.com")
ANTHROPIC_MODEL = env("ANTHROPIC_MODEL", default="claude-sonnet-5-5")
ANTHROPIC_TIMEOUT = env.float("ANTHROPIC_TIMEOUT", default=60.0)
ANTHROPIC_MAX_RETRIES = env.int("ANTHROPIC_MAX_RETRIES", default=3)
ANTHROPIC_MAX_TOKENS = env.int("ANTHROPIC_MAX_TOKENS", default=8192)
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
VERCEL_TOKEN = env("VERCEL_TOKEN", default="")
VERCEL_TEAM_ID = env("VERCEL_TEAM_ID", default="")
VERCEL_API_BASE = env("VERCEL_API_BASE", default="https://api.vercel.com")
DNS_RESOLVER_NAMESERVERS = env.list("DNS_RESOLVER_NAMESERVERS", default=[])
DNS_RESOLVER_PORT = env.int("DNS_RESOLVER_PORT", default=53)
DNS_RESOLVER_TIMEOUT = env.float("DNS_RESOLVER_TIMEOUT", default=5.0)
VERCEL_DEPLOY_TIMEOUT = env.float("VERCEL_DEPLOY_TIMEOUT", default=180.0)
VERCEL_POLL_INTERVAL = env.float("VERCEL_POLL_INTERVAL", default=2.0)
# Where custom domains point (CNAME, or A for an IP); the SITE_URL host when empty.
PORTFOLIO_DOMAIN_TARGET = env("PORTFOLIO_DOMAIN_TARGET", default="")

# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Resume2Website <hello@resume2website.local>")

# --- Logging: JSON lines with the correlation id ---------------------------------------
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "resume2website.correlation.RequestIdLogFilter"}},
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
            "foreign_pre_chain": [
                structlog.stdlib.add_log_level,
                structlog.stdlib.add_logger_name,
                structlog.processors.TimeStamper(fmt="iso"),
                structlog.stdlib.ExtraAdder(),
            ],
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
        "aggregate": {"class": "monitoring.logstore.AggregatingHandler", "level": LOG_AGGREGATION_LEVEL,
                      "filters": ["request_id"]},
    },
    "root": {"handlers": ["console", "aggregate"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
    },
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
