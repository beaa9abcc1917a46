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


DAY = """
import datetime
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
call_command("migrate", verbosity=0)
call_command("bootstrap", stdout=open("/dev/null", "w"))
from core import roles
from plugins.scheduling.models import Attendance, Calendar, Screen
from tests.scheduling.day_helpers import make_booking
calendar = Calendar.objects.get(slug="clearingstelle")
start = timezone.now().replace(microsecond=0) + datetime.timedelta(minutes=1)
booking = make_booking(calendar, start, people=2)
clerk = get_user_model().objects.create_user(username="clerk", password="pw-for-tests-only")
clerk.groups.add(Group.objects.get(name=roles.CLERK))
client = Client(HTTP_HOST="localhost")
client.force_login(clerk)
agenda = client.get(reverse("scheduling_day", args=["clearingstelle"]))
people = {"person-TOTAL_FORMS": 2, "person-INITIAL_FORMS": 2, "person-MIN_NUM_FORMS": 1}
for n, first in enumerate(["Ștefan", "Elena"]):
    people[f"person-{n}-first_names"], people[f"person-{n}-surname"] = first, "Țurcanu"
    people[f"person-{n}-birth_date"] = "1990-04-01"
checked = client.post(reverse("scheduling_check_in", args=[booking.pk]), people)
called = client.post(reverse("scheduling_call_next", args=["clearingstelle"]))
screen = Screen.objects.create(name="Flur", calendar=calendar)
with translation.override("de"):
    shown = Client(HTTP_HOST="localhost").get(reverse("scheduling_screen", args=[screen.secret]))
print(agenda.status_code, "Ștefan Țurcanu" in agenda.text, checked.status_code, Attendance.objects.get().outcome,
      called.status_code, shown.status_code, 'data-now aria-live="polite">1<' in shown.text, sep="|")
"""


def test_scheduling_alone_runs_the_day(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CLEARING_PLUGINS": "scheduling",
    }
    result = subprocess.run(
        [sys.executable, "-c", DAY], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "200|True|302|checked_in|302|200|True"
