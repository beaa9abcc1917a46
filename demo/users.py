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
    """Create the missing demo users with one password (``DEMO_PASSWORD`` or generated) and say which is in force.

    ``DEMO_PASSWORD`` applies only to users it creates, as ``ADMIN_PASSWORD`` does for the administrator.
    """
    User = get_user_model()
    existing = set(User.objects.filter(username__in=DEMO_USERS).values_list("username", flat=True))
    missing = [name for name in DEMO_USERS if name not in existing]
    given = os.environ.get("DEMO_PASSWORD")
    if existing:
        names = ", ".join(name for name in DEMO_USERS if name in existing)
        stdout.write(f"Demo users exist: {names} (their passwords were left unchanged).")
        if given:
            stdout.write("DEMO_PASSWORD applies only when a demo user is created.")
    if not missing:
        return
    password = given or secrets.token_urlsafe(12)
    for name in missing:
        role, first_name, last_name = DEMO_USERS[name]
        user = User.objects.create_user(name, password=password, first_name=first_name, last_name=last_name)
        user.groups.add(Group.objects.get(name=role))
    stdout.write(f"Demo users created: {', '.join(missing)}")
    stdout.write("Demo password: the one you set in DEMO_PASSWORD" if given else f"Demo password: {password}")
