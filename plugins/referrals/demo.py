"""Referrals' demo data: one handover per active recipient from the demo cases (only the demo hook imports this)."""

from .handover import build_handover
from .models import Handover, Recipient


def contribute(request, stdout):
    if request.once and Handover.objects.exists():
        return
    for recipient in Recipient.objects.filter(active=True):
        handover = build_handover(recipient, trigger="demo")
        rows = handover.rows if handover else 0
        stdout.write(f"Handover for {recipient.slug}: {rows} cases.")
