from django.core.management.base import BaseCommand, CommandError

from core.contracts import DemoRequest
from core.demo import require_demo_allowed
from demo.answers import DemoUnavailable
from demo.wagtail_hooks import seed_every_app

DEFAULT_ARRIVALS = 1800  # about a year at the 140–160 arrivals a month the town reports
BATCH_SIZE = DemoRequest.batch_size


class Command(BaseCommand):
    help = (
        "Add a year of invented arrivals to every app's demo data (intake: first-interview cases with answers, "
        "status histories and release certificates). Running it again adds more. For demonstration and load tests "
        "only: the cases are marked source_kind=demo, but they look real."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases", type=int, default=DEFAULT_ARRIVALS, help=f"How many arrivals (default {DEFAULT_ARRIVALS})."
        )
        parser.add_argument("--seed", type=int, help="Random seed, to get the same people and stories again.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Cases per transaction.")

    def handle(self, *args, cases, seed, batch_size, **options):
        require_demo_allowed()
        if cases < 1 or batch_size < 1:
            raise CommandError("--cases and --batch-size must be at least 1.")
        try:
            seed_every_app(DemoRequest(arrivals=cases, seed=seed, batch_size=batch_size), self.stdout)
        except DemoUnavailable as error:
            raise CommandError(str(error)) from error
