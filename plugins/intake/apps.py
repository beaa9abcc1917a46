from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """Stage 1: the case file, the interview, the release certificate and its verification."""

    name = "plugins.intake"
    label = "intake"
    verbose_name = _("First interview")
    default_auto_field = "django.db.models.BigAutoField"
    requires = ()

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from core.office import OfficeDetails

        from .certificate import forget_printed_texts
        from .models import CertificateWording
        from .search_index import restore_sqlite_triggers

        post_migrate.connect(restore_sqlite_triggers, sender=self, dispatch_uid="intake.search_index.triggers")
        # Every worker must see an edit to what a certificate prints, whichever worker made it.
        for model in (CertificateWording, OfficeDetails):
            for signal in (post_save, post_delete):
                signal.connect(forget_printed_texts, sender=model, dispatch_uid="intake.certificate.printed_texts")
