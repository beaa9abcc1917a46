import pytest

from questionnaires.definition_files import load_directory
from questionnaires.models import Questionnaire

from .definitions import QUESTIONNAIRE, write_definitions


@pytest.fixture
def probe(db, tmp_path):
    """A small published questionnaire covering every kind of rule."""
    load_directory(write_definitions(tmp_path / "defs", questionnaires=[QUESTIONNAIRE]), publish=True)
    return Questionnaire.objects.get(slug="probe")


@pytest.fixture
def probe_definition(probe):
    return probe.live_revision.content["compiled"]
