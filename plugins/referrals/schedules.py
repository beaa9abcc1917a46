"""django-q2 `Schedule` rows following the recipients' configuration: one function, on save and by bootstrap."""

from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule

from .models import Recipient
from .scope import cron_expression

PREFIX = "referrals: "
RETRY = f"{PREFIX}retry deliveries"


@transaction.atomic
def sync_schedules():
    """One cron schedule per active recipient with a time, one for the retries; others named ``referrals: …`` go."""
    wanted = {
        RETRY: {
            "func": "plugins.referrals.handover.deliver_due",
            "args": None,
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "cron": None,
        }
    }
    for recipient in Recipient.objects.filter(active=True):
        cron = cron_expression(recipient)
        if cron:
            wanted[f"{PREFIX}{recipient.slug}"] = {
                "func": "plugins.referrals.handover.run_recipient",
                "args": repr(recipient.slug),
                "schedule_type": Schedule.CRON,
                "minutes": None,
                "cron": cron,
            }
    Schedule.objects.filter(name__startswith=PREFIX).exclude(name__in=list(wanted)).delete()
    for name, values in wanted.items():
        schedule = Schedule.objects.filter(name=name).first()
        if schedule is None:
            Schedule.objects.create(name=name, repeats=-1, **values)
        elif any(getattr(schedule, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(schedule, field, value)
            schedule.next_run = schedule.calculate_next_run() if schedule.cron else timezone.now()
            schedule.save()
