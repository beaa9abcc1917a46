"""Test run: fast hashing, local cache, tasks run in-process, reusable file test DB."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, INSTALLED_APPS

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {"name": "clearing-test", "orm": "default", "sync": True, "timeout": 60, "retry": 120}
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
REFERRALS_FILES_DIR = BASE_DIR / "test-artifacts" / "handovers"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the live server's thread and --reuse-db both need it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
# Invented people and demo logins (`bootstrap --demo`, `seed_demo`): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
