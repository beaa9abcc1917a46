"""The case file of stage 1 and its release certificates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.contracts import SourceRef
from core.text import FoldedCopy

WALK_IN = "walk_in"
# The engine's longest text answer (``Text.longest``): the names are copied from the interview.
NAME_LENGTH = 255
SEARCHED = ("first_names", "surname")


class Sequence(models.Model):
    """Yearly sequences (case references, certificate numbers), allocated under a row lock."""

    name = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="intake_sequence_unique")]

    def __str__(self):
        return f"{self.name}/{self.year}: {self.value}"


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_INTERVIEW = "in_interview", _("in interview")
    COMPLETE = "complete", _("interview complete")
    RELEASED = "released", _("released")
    REGISTERED = "registered", _("registered")
    WITHDRAWN = "withdrawn", _("withdrawn")
    DID_NOT_APPEAR = "did_not_appear", _("did not appear")


class Case(models.Model):
    """One person's first interview; the answers carry everything beyond the core data kept here."""

    # No usage screen shows what a case references: Wagtail's reference index would only re-read
    # the row and its links after every save of it.
    wagtail_reference_index_ignore = True

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    surname = models.CharField(_("surname"), max_length=NAME_LENGTH, db_index=True)
    first_names = models.CharField(_("first names"), max_length=NAME_LENGTH, db_index=True)
    # The names as search compares them (no accents, lower case): `petrut` finds `Petruț`.
    search_text = FoldedCopy(of=SEARCHED)
    birth_date = models.DateField(_("date of birth"), db_index=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True, db_index=True)
    language = models.CharField(_("interview language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    assigned_clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intake_cases",
    )
    answer_set = models.OneToOneField(
        "questionnaires.AnswerSet", null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    # Kind and id of a core.contracts.SourceRef: the plugin that offered the start resolves
    # them (no foreign key, intake runs without it).
    source_kind = models.CharField(_("started from"), max_length=40, default=WALK_IN)
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="intake_case_number_unique")]
        # The status filter's page in list order. The search's trigram indexes: migration 0003.
        indexes = [models.Index(fields=["status", "created_at"], name="intake_case_status_created")]
        permissions = [
            ("release_case", _("Can release a case and issue its certificate")),
            ("verify_certificate", _("Can verify release certificates")),
            ("confirm_registration", _("Can confirm that a released person registered")),
        ]

    def __str__(self):
        return f"{self.reference} {self.surname}, {self.first_names}"

    def save(self, *args, update_fields=None, **kwargs):
        """A save of the names writes their folded copy too."""
        if update_fields is not None and set(SEARCHED) & set(update_fields):
            update_fields = {*update_fields, "search_text"}
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def audit_reference(self):
        """How the audit log names the case: by reference, never by the person's name."""
        return self.reference

    @property
    def full_name(self):
        return f"{self.first_names} {self.surname}"

    @property
    def source(self):
        return SourceRef(self.source_kind, self.source_id)

    @property
    def nationality_name(self):
        """In the language in force; one look-up, not a dictionary of every country (the list shows 50 rows)."""
        return countries.name(self.nationality) or self.nationality


class CaseStatusChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.case_id}: {self.from_status} → {self.to_status}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")
    SUPERSEDED = "superseded", _("replaced by a newer certificate")


class ReleaseCertificate(models.Model):
    """The routing slip for the Bürgerbüro; it confirms the interview, it does not gate registration."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=32, unique=True)
    status = models.CharField(max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.VALID)
    # As printed: the case's data may be corrected later, the issued document stays what it was.
    holder_name = models.CharField(_("name"), max_length=2 * NAME_LENGTH + 1)  # Case.full_name
    holder_birth_date = models.DateField(_("date of birth"))
    language = models.CharField(_("second language"), max_length=10, blank=True)
    follow_up_appointment = models.DateTimeField(_("appointment at the Bürgerbüro"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )

    class Meta:
        verbose_name = _("release certificate")
        verbose_name_plural = _("release certificates")
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return self.number

    @property
    def audit_reference(self):
        return self.number
