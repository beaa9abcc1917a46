"""Turns the usual start-up failures into one line naming the cause."""

import sys
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit


def _safe_database_url(url):
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


@contextmanager
def clear_startup_errors():
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    try:
        yield
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(2)
    except OperationalError as error:
        import os

        url = _safe_database_url(os.environ.get("DATABASE_URL", "sqlite (default)"))
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        sys.stderr.write(f"Database unreachable ({url}): {first_line}\n")
        sys.exit(3)
