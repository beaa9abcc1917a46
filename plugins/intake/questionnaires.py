"""What the clerk screens ask for: the published version of a questionnaire."""

from django.http import Http404

from .models import Questionnaire


def published(slug):
    """``(questionnaire, live revision, compiled definition)``; 404 if never published."""
    questionnaire = Questionnaire.objects.select_related("live_revision").filter(slug=slug, live=True).first()
    if questionnaire is None or questionnaire.live_revision is None:
        raise Http404(f"questionnaire {slug!r} is not published")
    revision = questionnaire.live_revision
    return questionnaire, revision, revision.content["compiled"]
