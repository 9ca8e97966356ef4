"""Settings for VT-registratie.

Every environment variable is declared once, in ``ENV_SCHEMA`` below, with its type and default;
``docs/configuration.md`` documents each of them. The defaults run with no server at all (SQLite
database, SQLite-backed Celery broker) so ``make run`` works on a bare machine.
"""

import hashlib
from datetime import timedelta
from pathlib import Path

import environ

from config import celery_schedule

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # runtime files of the embedded defaults (SQLite database, broker)

ENV_SCHEMA = {
    "DEBUG": (bool, False),
    "SECRET_KEY": (str, ""),
    "ALLOWED_HOSTS": (list, ["127.0.0.1", "localhost"]),
    "CSRF_TRUSTED_ORIGINS": (list, []),
    "DATABASE_URL": (str, f"sqlite:///{VAR_DIR / 'vtregistratie.sqlite3'}"),
    # The analysis cache (rapportage/analyses/cache.py); per process by default, e.g. redis://host:6379/2 to share.
    "CACHE_URL": (str, "locmemcache://vtregistratie"),
    # Seconds a database connection is kept open between requests (0: one connection per request).
    "CONN_MAX_AGE": (int, 60),
    "CELERY_BROKER_URL": (str, f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}"),
    "CELERY_RESULT_BACKEND": (str, f"db+sqlite:///{VAR_DIR / 'celery-results.sqlite3'}"),
    "CELERY_TASK_ALWAYS_EAGER": (bool, False),
    # Seconds between the first change to a quarter and its recompute; later changes join that recompute.
    "ROLLUP_VERTRAGING": (float, 2.0),
    "SECURE_SSL": (bool, False),
    "SESSION_IDLE_TIMEOUT_MINUTES": (int, 30),
    "AXES_FAILURE_LIMIT": (int, 5),
    "AXES_COOLOFF_MINUTES": (int, 15),
    "DEMO_MODE": (bool, False),
    "LOG_LEVEL": (str, "INFO"),
    "MEDIA_ROOT": (str, str(VAR_DIR / "media")),
    "CBS_AANLEVERING_WERKDAG": (int, 1),
    # The secret of the cell-key method (rapportage/onthulling.py); empty: derived from SECRET_KEY.
    "ONTHULLING_SLEUTEL": (str, ""),
    # Norms and sector targets of the follow-up (docs/configuration.md, *Norms*, names each one's source).
    "NORM_ONDERZOEK_WEKEN": (int, 10),
    "NORM_SIGNAAL_WEKEN": (int, 8),
    "DOEL_BEOORDELING_BINNEN_TERMIJN": (int, 90),
    "DOEL_ONDERZOEK_BINNEN_NORM": (int, 80),
}
env = environ.Env(**ENV_SCHEMA)
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

DEBUG = env("DEBUG")
DEMO_MODE = env("DEMO_MODE")
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20
    elif DEMO_MODE:
        # `make run` runs without DEBUG (no technical error pages listing every URL): its key is made once and
        # kept under var/, so sessions survive a restart.
        _SLEUTEL = VAR_DIR / "demo-secret-key"
        if not _SLEUTEL.exists():
            import secrets

            VAR_DIR.mkdir(exist_ok=True)
            _SLEUTEL.write_text(secrets.token_urlsafe(50))
        SECRET_KEY = _SLEUTEL.read_text().strip()
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "rules",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "auditlog",
    "axes",
    "csp",
    "vtregistratie",
    "adviezen",
    "meldingen",
    "diensten",
    "rapportage",
    "demo",
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
    # django-auditlog's, so that services keep the request's client address in the audit trail.
    "vtregistratie.audit.AuditMiddleware",
    "vtregistratie.middleware.DatabaseFoutMiddleware",
    # Last, as django-axes asks: it turns a lockout into a response.
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vtregistratie.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let the web server, worker and beat share one file
    # without "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that a worker process in the integration tests sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-vtregistratie.sqlite3")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A new PostgreSQL connection costs a process on the server: keep it between requests, check it first.
DATABASES["default"]["CONN_MAX_AGE"] = env("CONN_MAX_AGE")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CACHES = {"default": env.cache_url("CACHE_URL")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "vtregistratie.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Loads the user with its organisation and roles in one query, and answers the admin's model permissions
    # from the roles without further queries.
    "vtregistratie.authenticatie.RolBackend",
    # The application's named rules (vtregistratie/regels.py), for {{ perms.vt.… }} in templates.
    "rules.permissions.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: throttle password guessing per user name and address.
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env("AXES_COOLOFF_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing directory
# Chart.js comes from the npm registry at install time (package.json, `npm ci` in the Makefile): no copied files.
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/chart.js", BASE_DIR / "node_modules" / "chart.js" / "dist")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or DEMO_MODE
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Debug and demo serve static files from the source folders, without collectstatic: whitenoise finds them.
WHITENOISE_USE_FINDERS = DEBUG or DEMO_MODE

# Private files (the CBS delivery files under MEDIA_ROOT/aanleveringen/). There is no MEDIA_URL on purpose:
# they are served only by views that check permissions and audit the download.
MEDIA_ROOT = Path(env("MEDIA_ROOT"))
# The scheduled CBS delivery is made on this working day after a half-year ends (1 = the first).
CBS_AANLEVERING_WERKDAG = env("CBS_AANLEVERING_WERKDAG")

# Norms of the follow-up (docs/configuration.md, *Norms*). An onderzoek is finished within the norm when its
# doorlooptijd (einddatum - startdatum, calendar days) is at most NORM_ONDERZOEK_WEKEN * 7 days; the worklist flags
# a running dienst from NORM_SIGNAAL_WEKEN weeks. The targets are percentages, reference lines in the analyses.
NORM_ONDERZOEK_WEKEN = env("NORM_ONDERZOEK_WEKEN")
NORM_SIGNAAL_WEKEN = env("NORM_SIGNAAL_WEKEN")
DOEL_BEOORDELING_BINNEN_TERMIJN = env("DOEL_BEOORDELING_BINNEN_TERMIJN")
DOEL_ONDERZOEK_BINNEN_NORM = env("DOEL_ONDERZOEK_BINNEN_NORM")
if not 0 < NORM_SIGNAAL_WEKEN <= NORM_ONDERZOEK_WEKEN:
    raise ValueError("NORM_SIGNAAL_WEKEN must be positive and not above NORM_ONDERZOEK_WEKEN")
if not (0 <= DOEL_BEOORDELING_BINNEN_TERMIJN <= 100 and 0 <= DOEL_ONDERZOEK_BINNEN_NORM <= 100):
    raise ValueError("DOEL_BEOORDELING_BINNEN_TERMIJN and DOEL_ONDERZOEK_BINNEN_NORM are percentages (0-100)")

# Sessions and cookies: short-lived, never readable by scripts, never sent cross-site.
SESSION_COOKIE_AGE = env("SESSION_IDLE_TIMEOUT_MINUTES") * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout, not an absolute one
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env("SECURE_SSL"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy (django-csp): only our own scripts, styles and images; no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REST_FRAMEWORK = {
    # Token first, so a request without valid credentials gets 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "vtregistratie.api.authenticatie.SleutelAuthenticatie",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny by default: every API view declares its rule from vtregistratie/regels.py.
    "DEFAULT_PERMISSION_CLASSES": ["vtregistratie.regels.NiemandToegestaan"],
    # Our JSON parser answers an unreadable, too deeply nested or too large body with a Dutch 400/413.
    "DEFAULT_PARSER_CLASSES": [
        "vtregistratie.api.parsers.JsonParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "vtregistratie.api.fouten.exception_handler",
    # Dutch titles and descriptions in the browsable API instead of "Advies List" and English docstrings.
    "VIEW_NAME_FUNCTION": "vtregistratie.api.weergave.view_naam",
    "VIEW_DESCRIPTION_FUNCTION": "vtregistratie.api.weergave.view_omschrijving",
}
# API keys of integration accounts (django-rest-knox, docs/api.md): stored as a SHA-512 digest in
# vtregistratie.Koppelsleutel, valid until revoked, sent as "Authorization: Token <key>".
KNOX_TOKEN_MODEL = "vtregistratie.Koppelsleutel"  # noqa: S105 (a model, not a secret)
REST_KNOX = {"TOKEN_MODEL": KNOX_TOKEN_MODEL, "TOKEN_TTL": None, "AUTH_HEADER_PREFIX": "Token"}
SPECTACULAR_SETTINGS = {
    "TITLE": "VT-registratie API",
    "DESCRIPTION": "Registratie van adviezen en meldingen volgens de Beleidsinformatie Veilig Thuis.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["vtregistratie.regels.IsIngelogd"],  # deny by default, even the schema
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "vtregistratie.api.schema.foutantwoorden",
    ],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The documentation UI is served from our own static files (drf-spectacular-sidecar): no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AanleveringStatusEnum": "rapportage.cbs.models.Aanlevering.Status",
        "KwartaalStatusEnum": "vtregistratie.definities.KWARTAAL_STATUS.choices",
        "VervolgdienstEnum": "vtregistratie.definities.VERVOLGDIENST.choices",
    },
}

# Celery: JSON only, late acknowledgement with idempotent tasks, one message at a time per
# worker process, and time limits so a stuck task cannot hold a worker forever.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND")
CELERY_TASK_ALWAYS_EAGER = env("CELERY_TASK_ALWAYS_EAGER")
ROLLUP_VERTRAGING = env("ROLLUP_VERTRAGING")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The beat schedule lives in code (config/celery_schedule.py); django-celery-beat syncs it
# into its tables at start-up so administrators can see it in the admin.
CELERY_BEAT_SCHEDULE = celery_schedule.BEAT_SCHEDULE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"zonder_traceback_bij_403": {"()": "vtregistratie.logboek.ZonderTracebackBijWeigering"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["zonder_traceback_bij_403"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Disclosure control (rapportage/onthulling.py, docs/analyses.md): outside the registering organisation every
# published cell gets a fixed perturbation from ONTHULLING_PTABEL (chosen by a keyed hash of the cell and its
# count, with ONTHULLING_SLEUTEL), is rounded to a multiple of ONTHULLING_AFRONDING, and a true value from 1 up to
# (not including) ONTHULLING_DREMPEL is shown as ".". Fixed on purpose: changing them is a policy decision, not a
# deployment setting — only the key comes from the environment, and changing it changes every published value.
ONTHULLING_AFRONDING = 5
ONTHULLING_DREMPEL = 10
#: (perturbation, probability) — probabilities add up to 1
ONTHULLING_PTABEL = ((-2, 0.1), (-1, 0.2), (0, 0.4), (1, 0.2), (2, 0.1))
ONTHULLING_SLEUTEL = env("ONTHULLING_SLEUTEL") or "onthulling:" + hashlib.sha256(SECRET_KEY.encode()).hexdigest()
