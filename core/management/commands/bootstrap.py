from django.core.management.base import BaseCommand
from django.db import transaction

from core.bootstrap import run_bootstrap
from core.demo import require_demo_allowed


class Command(BaseCommand):
    help = "Create roles, site, home pages and every plugin's defaults. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Add demo data as well.")

    def handle(self, *args, demo, **options):
        if demo:
            require_demo_allowed()
        with transaction.atomic():
            run_bootstrap(demo=demo, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Bootstrap complete."))
