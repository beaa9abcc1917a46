"""The shipped recipients (``defaults/recipients.json``), created by bootstrap where their slug is missing."""

import datetime
import json
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Recipient
from .schedules import sync_schedules
from .scope import ensure_scope_version, scope_problems

DEFAULTS = Path(__file__).resolve().parent / "defaults" / "recipients.json"
FIELDS = (
    "name",
    "kind",
    "contact",
    "core_fields",
    "catalogue_fields",
    "consent_field",
    "justification",
    "statuses",
    "filter_match",
    "file_format",
    "timing",
    "weekday",
    "cron",
    "channel",
)


def recipient_from_plain(plain):
    recipient = Recipient(slug=plain["slug"], role=Group.objects.get(name=plain["role"]))
    for name in FIELDS:
        if name in plain:
            setattr(recipient, name, plain[name])
    if plain.get("at_time"):
        recipient.at_time = datetime.time.fromisoformat(plain["at_time"])
    recipient.case_filter = [{"type": "condition", "value": condition} for condition in plain.get("case_filter", [])]
    return recipient


@transaction.atomic
def ensure_default_recipients(path=DEFAULTS):
    """Create each shipped recipient whose slug is missing (an administrator's edit stays).

    Returns ``(created slugs, {slug: problems})``: a default the catalogue refuses (a database
    whose catalogue predates the “may go to” lists) is left out and named, not forced in.
    """
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    existing = set(Recipient.objects.values_list("slug", flat=True))
    created, refused = [], {}
    for plain in document["recipients"]:
        if plain["slug"] in existing:
            continue
        recipient = recipient_from_plain(plain)
        problems = scope_problems(recipient)
        try:
            if problems:
                raise ValidationError(problems)
            recipient.full_clean()
        except ValidationError as error:
            refused[recipient.slug] = [message for messages in error.message_dict.values() for message in messages]
            continue
        recipient.save()
        ensure_scope_version(recipient)
        created.append(recipient.slug)
    sync_schedules()
    return created, refused
