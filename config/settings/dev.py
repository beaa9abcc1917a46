"""Local development: debug on, a fixed key that is useless anywhere else."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Invented people and demo logins (`bootstrap --demo`, `seed_demo`): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
