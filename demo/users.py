"""Demo staff, one per role, so every screen can be tried on a fresh `make run`."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core import roles

DEMO_USERS = {
    "sachbearbeitung": (roles.CLERK, "Petra", "Schulze"),
    "casemanagement": (roles.CASE_MANAGER, "Jonas", "Richter"),
    "auslaenderbehoerde": (roles.FOREIGNERS_AUTHORITY, "Sabine", "Krause"),
    "wohnraumkontrolle": (roles.HOUSING_INSPECTION, "Thomas", "Wolf"),
    "buergerbuero": (roles.CITIZENS_OFFICE, "Anja", "Becker"),
    "controlling": (roles.CONTROLLING, "Mehmet", "Yilmaz"),
    "datenschutz": (roles.DATA_PROTECTION, "Claudia", "Neumann"),
}


def ensure_demo_users(stdout):
    """Create the missing demo users with one password (``DEMO_PASSWORD`` or generated) and say it."""
    User = get_user_model()
    missing = [name for name in DEMO_USERS if not User.objects.filter(username=name).exists()]
    if not missing:
        stdout.write(f"Demo users exist: {', '.join(DEMO_USERS)} (passwords unchanged).")
        return
    password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
    for name in missing:
        role, first_name, last_name = DEMO_USERS[name]
        user = User.objects.create_user(name, password=password, first_name=first_name, last_name=last_name)
        user.groups.add(Group.objects.get(name=role))
    stdout.write(f"Demo users: {', '.join(missing)}")
    stdout.write(f"Demo password: {password}" if "DEMO_PASSWORD" not in os.environ else "Demo password: DEMO_PASSWORD")
