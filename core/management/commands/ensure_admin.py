import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from core.roles import ADMINISTRATOR


class Command(BaseCommand):
    help = "Create the first administrator if missing and print the credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USER", "admin"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        password = os.environ.get("ADMIN_PASSWORD")
        user = User.objects.filter(username=username).first()
        if user and not password:
            self.stdout.write(
                f"Administrator '{username}' exists; password unchanged (set ADMIN_PASSWORD to reset it)."
            )
            return
        if user is None:
            user = User(username=username, is_staff=True, is_superuser=True)
        generated = not password
        password = password or secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get_or_create(name=ADMINISTRATOR)[0])
        self.stdout.write(self.style.SUCCESS(f"Administrator: {username}"))
        if generated:
            self.stdout.write(self.style.SUCCESS(f"Password: {password}"))
        else:
            self.stdout.write("Password: as given in ADMIN_PASSWORD")
