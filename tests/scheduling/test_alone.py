"""With ``CLEARING_PLUGINS=scheduling`` alone (no intake), the public booking works from a fresh database."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BOOK = """
import django
django.setup()
from django.apps import apps
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("bootstrap", stdout=open("/dev/null", "w"))
from tests.scheduling import flow
from plugins.scheduling.models import Booking
response, start = flow.book(Client(HTTP_HOST="localhost"), language="hu")
confirmation = Client(HTTP_HOST="localhost").get(response["Location"])
plugins = sorted(c.label for c in apps.get_app_configs() if c.name.startswith("plugins."))
print(",".join(plugins), confirmation.status_code, "Az időpontját lefoglaltuk" in confirmation.text,
      Booking.objects.get().language, sep="|")
"""


def test_scheduling_alone_books_an_appointment(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CLEARING_PLUGINS": "scheduling",
    }
    result = subprocess.run(
        [sys.executable, "-c", BOOK], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "scheduling|200|True|ro"
