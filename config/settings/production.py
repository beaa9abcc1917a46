"""Production: secrets and hosts only from the environment, HTTPS only, never DEBUG."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES, env

DEBUG = False
# Demo cases look real and demo users share one password: never in a live database.
DEMO_DATA_ALLOWED = False

try:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
except ImproperlyConfigured as missing:
    raise ImproperlyConfigured(
        f"Production settings: {missing}. Set SECRET_KEY and ALLOWED_HOSTS (comma-separated)."
    ) from None
if not SECRET_KEY or not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production settings: SECRET_KEY and ALLOWED_HOSTS must not be empty.")

# Printed links (the QR code on release certificates) must reach the live site, not localhost.
_named_hosts = [host.lstrip(".") for host in ALLOWED_HOSTS if "*" not in host]
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=f"https://{_named_hosts[0]}" if _named_hosts else "")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured("Production settings: set WAGTAILADMIN_BASE_URL (ALLOWED_HOSTS names no host).")
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS if "*" not in host]
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Wagtail's preview shows the page in an iframe of the admin itself, so frames
# from the same origin must stay allowed; Django's deploy check wants DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Static files are served by the application itself after `collectstatic`.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
