import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from core.roles import ADMINISTRATOR


class Command(BaseCommand):
    help = (
        "Create the first administrator if missing and print the credentials. "
        "ADMIN_PASSWORD applies only when the administrator is created."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USER", "admin"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        password = os.environ.get("ADMIN_PASSWORD")
        if User.objects.filter(username=username).exists():
            # Every `make run` calls this: a password changed in the admin must survive it.
            self.stdout.write(f"Administrator '{username}' exists; its password was left unchanged.")
            if password:
                self.stdout.write(
                    "ADMIN_PASSWORD applies only when the administrator is created; "
                    f"to change the password run `manage.py changepassword {username}`."
                )
            return
        user = User(username=username, is_staff=True, is_superuser=True)
        generated = "" if password else secrets.token_urlsafe(12)
        user.set_password(password or generated)
        user.save()
        user.groups.add(Group.objects.get_or_create(name=ADMINISTRATOR)[0])
        self.stdout.write(self.style.SUCCESS(f"Administrator: {username}"))
        if password:
            self.stdout.write("Password: the one you set in ADMIN_PASSWORD")
        else:
            self.stdout.write(self.style.SUCCESS(f"Password: {generated}"))
