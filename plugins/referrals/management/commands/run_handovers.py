from django.core.management.base import BaseCommand, CommandError

from plugins.referrals.handover import build_handover, claim_preview
from plugins.referrals.models import Recipient


class Command(BaseCommand):
    help = "Build and deliver the next handover of every active recipient (or one), as the schedules do."

    def add_arguments(self, parser):
        parser.add_argument("--recipient", metavar="SLUG", help="only this recipient")
        parser.add_argument("--dry-run", action="store_true", help="count the cases each would get; change nothing")

    def handle(self, *args, recipient=None, dry_run=False, **options):
        recipients = Recipient.objects.filter(active=True)
        if recipient:
            recipients = Recipient.objects.filter(slug=recipient)
            if not recipients.exists():
                raise CommandError(f"No recipient {recipient!r}.")
        for each in recipients:
            if dry_run:
                self.stdout.write(f"{each.slug}: {claim_preview(each)} new cases (dry run, nothing written)")
                continue
            handover = build_handover(each, trigger="command")
            if handover is None:
                self.stdout.write(f"{each.slug}: no new cases")
            else:
                self.stdout.write(
                    f"{each.slug}: handover {handover.pk}, {handover.rows} cases, {handover.file_name}, "
                    f"{handover.get_status_display()}, SHA-256 {handover.sha256}"
                )
