from django.core.management.base import BaseCommand, CommandError

from core.demo import require_demo_allowed
from plugins.intake.demo import BATCH_SIZE, DEFAULT_CASES, DemoUnavailable, seed_demo_cases


class Command(BaseCommand):
    help = (
        "Add invented first-interview cases over the past twelve months (answers, status histories, release "
        "certificates). Running it again adds more. For demonstration and load tests only: the cases are marked "
        "source_kind=demo, but they look real."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=DEFAULT_CASES, help=f"How many (default {DEFAULT_CASES}).")
        parser.add_argument("--seed", type=int, help="Random seed, to get the same people and stories again.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Cases per transaction.")

    def handle(self, *args, cases, seed, batch_size, **options):
        require_demo_allowed()
        if cases < 1 or batch_size < 1:
            raise CommandError("--cases and --batch-size must be at least 1.")
        try:
            seed_demo_cases(cases, stdout=self.stdout, seed=seed, batch_size=batch_size)
        except DemoUnavailable as error:
            raise CommandError(str(error)) from error
