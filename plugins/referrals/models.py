"""Recipients with their data scopes, the scope versions, and the handovers with the cases each carried."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from .blocks import ConditionBlock
from .channels import channel_choices
from .vocabulary import CASE_STATUSES, CORE_FIELDS


class RecipientKind(models.TextChoices):
    REGISTRATION_OFFICE = "registration_office", _("registration office")
    FOREIGNERS_AUTHORITY = "foreigners_authority", _("foreigners' authority")
    HOUSING_INSPECTION = "housing_inspection", _("housing inspection")
    CASE_MANAGEMENT = "case_management", _("case management")
    OTHER = "other", _("other")


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX (Excel)"
    JSON = "json", _("JSON with JSON Schema")


class Timing(models.TextChoices):
    ON_RELEASE = "on_release", _("as soon as a case is released")
    DAILY = "daily", _("daily at a time")
    WEEKLY = "weekly", _("weekly on a day")
    CRON = "cron", _("cron expression")


class FilterMatch(models.TextChoices):
    ALL = "all", _("all conditions hold")
    ANY = "any", _("at least one condition holds")


WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (0, _("Sunday")),
]


def default_statuses():
    return ["released", "registered"]


class Recipient(models.Model):
    """An office that receives cases: what it may get (its scope), which cases, in which form, when and how.

    Validation of the scope against the catalogue lives in ``scope.scope_problems`` (the
    admin form and the defaults loader both call it), so it is one rule.
    """

    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=40, choices=RecipientKind.choices)
    contact = models.TextField(_("contact"), blank=True)
    email = models.EmailField(_("email address for deliveries"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    role = models.ForeignKey(
        Group,
        verbose_name=_("role"),
        on_delete=models.PROTECT,
        related_name="referral_recipients",
        help_text=_("Users of this role act for the recipient: they see and download its handovers only."),
    )
    core_fields = models.JSONField(_("case data"), default=list, blank=True)
    catalogue_fields = models.JSONField(_("catalogue fields"), default=list, blank=True)
    justification = models.TextField(
        _("justification"),
        blank=True,
        help_text=_("Required when the scope holds a special-category field (Art. 9 GDPR)."),
    )
    consent_field = models.CharField(
        _("consent question"),
        max_length=64,
        blank=True,
        help_text=_("A yes/no catalogue field: special-category answers go only with a “yes” to it."),
    )
    statuses = models.JSONField(_("case statuses"), default=default_statuses)
    case_filter = StreamField([("condition", ConditionBlock())], blank=True, verbose_name=_("case filter"))
    filter_match = models.CharField(
        _("combine conditions"), max_length=10, choices=FilterMatch.choices, default=FilterMatch.ALL
    )
    file_format = models.CharField(_("format"), max_length=10, choices=FileFormat.choices, default=FileFormat.CSV)
    timing = models.CharField(_("schedule"), max_length=20, choices=Timing.choices, default=Timing.DAILY)
    at_time = models.TimeField(_("time"), null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), null=True, blank=True, choices=WEEKDAYS)
    cron = models.CharField(_("cron expression"), max_length=100, blank=True, help_text=_("e.g. 30 7 * * 1-5"))
    channel = models.CharField(_("delivery channel"), max_length=40, choices=channel_choices, default="download")
    drop_directory = models.CharField(
        _("drop directory"), max_length=500, blank=True, help_text=_("Absolute path of the share (file drop only).")
    )
    archive_password = models.CharField(
        _("archive password"),
        max_length=128,
        blank=True,
        help_text=_("Encrypts the ZIP of file drop and email; tell it to the recipient by phone, never by mail."),
    )
    acknowledge_within_days = models.PositiveSmallIntegerField(_("acknowledge within (days)"), default=3)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["name"]
        permissions = [("manage_handover", _("Can see every recipient's handovers and resend them"))]

    def __str__(self):
        return self.name

    @property
    def audit_reference(self):
        return self.slug

    def scope_snapshot(self):
        """What a scope version records: the columns, the filter and the reason for special fields."""
        return {
            "core_fields": [key for key in CORE_FIELDS if key in (self.core_fields or [])],
            "catalogue_fields": list(self.catalogue_fields or []),
            "statuses": [status for status in CASE_STATUSES if status in (self.statuses or [])],
            "case_filter": [dict(block.value) for block in self.case_filter],
            "filter_match": self.filter_match,
            "consent_field": self.consent_field,
            "justification": self.justification,
        }


class ScopeVersion(models.Model):
    """A recipient's scope as it was from ``created_at`` on; each handover names the version it used."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="scope_versions")
    number = models.PositiveIntegerField(_("version"))
    scope = models.JSONField(_("scope"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("scope version")
        verbose_name_plural = _("scope versions")
        ordering = ["recipient", "-number"]
        constraints = [models.UniqueConstraint(fields=["recipient", "number"], name="referrals_scope_version_unique")]

    def __str__(self):
        return f"{self.recipient.slug} v{self.number}"

    @property
    def audit_reference(self):
        return f"{self.recipient_id}:v{self.number}"

    @property
    def columns(self):
        return [f"case_{key}" for key in self.scope["core_fields"]] + list(self.scope["catalogue_fields"])


class HandoverStatus(models.TextChoices):
    BUILDING = "building", _("being built")
    READY = "ready", _("ready for delivery")
    RETRYING = "retrying", _("delivery failed, will retry")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("failed")
    ACKNOWLEDGED = "acknowledged", _("receipt acknowledged")


class Handover(models.Model):
    """One file for one recipient: the cases claimed for it (``items``) in the scope version it used."""

    wagtail_reference_index_ignore = True

    recipient = models.ForeignKey(
        Recipient, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="handovers"
    )
    scope_version = models.ForeignKey(
        ScopeVersion, verbose_name=_("scope version"), on_delete=models.PROTECT, related_name="handovers"
    )
    trigger = models.CharField(_("started by"), max_length=20)
    period_start = models.DateTimeField(_("period from"), null=True, blank=True)
    cut_off = models.DateTimeField(_("cut-off"))
    status = models.CharField(
        _("status"), max_length=20, choices=HandoverStatus.choices, default=HandoverStatus.BUILDING, db_index=True
    )
    rows = models.PositiveIntegerField(_("cases"), default=0)
    rows_written = models.PositiveIntegerField(_("cases written"), default=0)
    file_format = models.CharField(_("format"), max_length=10, choices=FileFormat.choices)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Touched with every chunk written: a build whose heartbeat stopped was killed and may be resumed.
    heartbeat = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.recipient.slug} #{self.pk}"

    @property
    def audit_reference(self):
        return f"handover {self.pk}"

    @property
    def overdue(self):
        if self.status != HandoverStatus.DELIVERED or self.delivered_at is None:
            return False
        due = self.delivered_at + timezone.timedelta(days=self.recipient.acknowledge_within_days)
        return timezone.now() > due


class HandoverItem(models.Model):
    """A case handed to a recipient: at most once per recipient, which the unique constraint holds."""

    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="items")
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="+")
    case_id = models.BigIntegerField()
    case_reference = models.CharField(_("case reference"), max_length=20, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "case_id"], name="referrals_case_once_per_recipient")
        ]

    def __str__(self):
        return f"{self.case_reference} → {self.recipient_id}"


class HandoverDownload(models.Model):
    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.handover_id} @ {self.at}"


class StatusUpdate(models.Model):
    """A partner's report back on a case it received (registration confirmed, outcome of a referral)."""

    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="status_updates")
    case_reference = models.CharField(_("case reference"), max_length=20, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=100)
    reported_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.case_reference}: {self.outcome}"
