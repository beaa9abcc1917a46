from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    """The questionnaire engine: catalogue, questionnaires, answers. Platform, used by every plugin; imports none."""

    name = "questionnaires"
    label = "questionnaires"
    verbose_name = _("Questionnaires")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import compiled  # noqa: F401 (stores a revision's compiled definition when it is published)
