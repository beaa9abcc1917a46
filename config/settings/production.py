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
# Reverse proxies in front of gunicorn, each adding the address it saw to X-Forwarded-For
# (1: one nginx or Apache; 0: none). Login throttling and the Bürgerbüro's limit count per
# client address, taken that many entries from the right of the header, whatever a client
# wrote in front of it. gunicorn must then be reachable only through the proxies.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=1)
if TRUSTED_PROXIES:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # ipware counts the proxies listed in the header, i.e. all but the last one.
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXIES - 1
    # Not strict: more entries than proxies (a client's own X-Forwarded-For) still resolve.
    IPWARE_STRICT = False
# Office PCs are shared: a session ends after 8 hours without a request, and when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
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
