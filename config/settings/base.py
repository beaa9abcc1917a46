"""Settings shared by every environment; values that differ come from the environment."""

import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from config.plugins import parse_plugin_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEFAULT_PLUGINS = "intake,scheduling,referrals"
CLEARING_PLUGINS = parse_plugin_list(env.str("CLEARING_PLUGINS", default=DEFAULT_PLUGINS))
# Invented people and demo logins (`bootstrap --demo`, `seed_demo`); production turns it off.
DEMO_DATA_ALLOWED = True

INSTALLED_APPS = [
    "core",
    "questionnaires",
    "pages",
    *(f"plugins.{name}" for name in CLEARING_PLUGINS),
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "import_export",
    "django_q",
    "django_countries",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Answers a cached public page before anything else runs (production puts whitenoise before it).
    "pages.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "core.middleware.AdminDefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its answer (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts and wait for it: with the
    # default (deferred) mode two concurrent saves, e.g. an autosave and a
    # publish, fail at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# One cache for every worker process, kept over restarts (rate limits count in it): a table
# in the database, no extra server. `manage.py createcachetable` creates it.
# The public pages have a cache of their own (pages.cache): files every worker on the machine shares,
# read without a database query and purged as a whole on publish; with several machines, one
# Redis for all (PAGE_CACHE_URL=redis://…). Other apps' data on a page (opening hours) is re-read
# after PAGE_CACHE_SECONDS.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "clearing_cache"},
    "pages": env.cache_url("PAGE_CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'page-cache'}"),
}
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the admin speaks German first (English per user); public content
# exists in every locale below.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ro", "Română"),
    ("bg", "Български"),
    ("pl", "Polski"),
    ("hu", "Magyar"),
    ("hr", "Hrvatski"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
# A page sent for translation stays a draft in the other language until translated: by default
# wagtail-localize publishes it at once, with the German text (pages.translation_sync).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Each app keeps its own translations in <app>/locale (found by Django); config/ is no app.
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"
WAGTAIL_USER_TIME_ZONES = ["Europe/Berlin"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Handover files (referrals): private, never served by the web server; the admin streams them to their recipient.
REFERRALS_FILES_DIR = env.path("REFERRALS_FILES_DIR", default=str(BASE_DIR / "var" / "handovers"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = _("Clearingstelle")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# The machines this runs on have no way out: no avatars, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

LOGIN_URL = "wagtailadmin_login"

# Login throttling (django-axes): every login (the admin's, the public site's) goes through
# authenticate(); after 5 failures the pair of username and client address is locked for
# 30 minutes, or until an administrator unlocks it (Einstellungen → Gesperrte Anmeldungen).
# Another username from the same address, or the same user elsewhere, can still log in.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/login_locked.html"
# Failed attempts are kept (to count them), successful logins are not: no log of who logged in when.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# The client address is REMOTE_ADDR; behind reverse proxies production reads X-Forwarded-For.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Abuse limits of the public appointment booking (plugin scheduling): slots held per client
# address and hour, bookings per email address or phone number and day, and appointments to come
# per email address or phone number; 0 switches a limit off (the race benchmark does).
SCHEDULING_HOLDS_PER_ADDRESS_HOUR = env.int("SCHEDULING_HOLDS_PER_ADDRESS_HOUR", default=30)
SCHEDULING_BOOKINGS_PER_CONTACT_DAY = env.int("SCHEDULING_BOOKINGS_PER_CONTACT_DAY", default=5)
SCHEDULING_OPEN_BOOKINGS_PER_CONTACT = env.int("SCHEDULING_OPEN_BOOKINGS_PER_CONTACT", default=2)

Q_CLUSTER = {
    "name": "clearing",
    "orm": "default",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 300,
    "retry": 600,
    "max_attempts": 5,
    "catch_up": False,
    "sync": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
