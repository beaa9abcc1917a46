"""The certificate's wording per language, edited by administrators; shipped defaults in ``defaults/``."""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_FIELDS = ("title", "confirmation", "bring", "note", "appointment", "verification")
PLACEHOLDERS = {
    "confirmation": {"date"},
    "appointment": {"appointment"},
}


def _content_languages():
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


class CertificateWording(models.Model):
    """It confirms that the interview took place and what to bring; it must never claim to gate registration."""

    language = models.CharField(_("language"), max_length=10, unique=True, choices=_content_languages)
    title = models.CharField(_("title"), max_length=120)
    confirmation = models.TextField(_("confirmation"), help_text=_("{date} stands for the date of the interview."))
    bring = models.TextField(_("what to bring to the Bürgerbüro"))
    note = models.TextField(
        _("note"), help_text=_("Must make clear that registration does not depend on this certificate.")
    )
    appointment = models.CharField(
        _("appointment line"), max_length=255, help_text=_("{appointment} stands for the date of the appointment.")
    )
    verification = models.TextField(_("how the Bürgerbüro checks it"))

    class Meta:
        verbose_name = _("certificate wording")
        verbose_name_plural = _("certificate wordings")
        ordering = ["language"]

    def __str__(self):
        return f"{self.get_language_display()}: {self.title}"

    def clean(self):
        errors = {}
        for field in TEXT_FIELDS:
            allowed = PLACEHOLDERS.get(field, set())
            try:
                parts = list(string.Formatter().parse(getattr(self, field)))
            except ValueError:
                errors[field] = _("Unbalanced braces; use {{ and }} for a literal brace.")
                continue
            # Only a bare {name}: "{}", "{0}", "{date.year}" or "{date:>999999}" would break or bloat the PDF.
            unknown = {
                f"{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}"
                for _text, name, spec, conv in parts
                if name is not None and (name not in allowed or spec or conv)
            }
            if unknown:
                errors[field] = _("Unknown placeholder %(unknown)s; allowed here: %(allowed)s") % {
                    "unknown": ", ".join(f"{{{name}}}" for name in sorted(unknown)),
                    "allowed": ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "—",
                }
        if errors:
            raise ValidationError(errors)
