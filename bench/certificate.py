"""The release certificate PDF as the platform makes it, against bare xhtml2pdf on the same HTML.

    .venv/bin/python bench/certificate.py                      # SQLite, then PostgreSQL (scripts/with-postgres)
    .venv/bin/python bench/certificate.py --database sqlite --rounds 30

One released case (interview completed with a demo person's answers, Romanian as the second
language, a follow-up appointment), then in interleaved rounds:

- figure: what ``CertificatePdfView.get`` runs for that case, called with the case's and the
  certificate's ids as the URL gives them — the case read, the certificate read, the wording,
  the HTML, the QR code, xhtml2pdf — up to the response holding the PDF bytes. Not timed: the
  HTTP layer (middleware, session, URL resolution, permission check) and the download's audit
  entry, a committed INSERT written after the PDF exists (on SQLite its commit alone can cost
  as much as the rest of the overhead; it is the same for any download).
- baseline: ``pisa.CreatePDF`` alone on the very HTML string the platform handed it (captured
  once from the platform's own call), with the same fonts: bare xhtml2pdf on the same page.

The ratio is what the platform adds around xhtml2pdf; the goal is 1.10x.
"""

import io
import os
import random
import sys
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

GOAL = 1.10
SECOND_LANGUAGE = "ro"
NO_AUDIT = SimpleNamespace(record=lambda *args, **kwargs: None)


def released_case():
    """A case released through the services a clerk's screens call, and its certificate and clerk."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from demo.answers import AnswerMaker
    from demo.people import People
    from plugins.intake.case_file import open_case, save_interview
    from plugins.intake.release import FOLLOW_UP_KEY, release_case
    from questionnaires.api import published
    from questionnaires.forms import QuestionnaireForm, post_data

    clerk = get_user_model().objects.create_superuser(
        "bench-clerk", password="bench-only-" + os.urandom(8).hex(), first_name="Anna", last_name="Schmidt"
    )
    questionnaire, revision, definition = published("erstgespraech")
    people = People(random.Random(1), 1)
    today = timezone.localdate()
    person = people.person(today, follow_up=today + datetime.timedelta(days=2))
    answers = AnswerMaker(definition, people).answers(person)
    answers["interview_language"] = SECOND_LANGUAGE
    answers[FOLLOW_UP_KEY] = (today + datetime.timedelta(days=2)).isoformat()
    case = open_case(
        surname=person.surname,
        first_names=person.first_names,
        birth_date=person.birth_date,
        nationality="RO",
        language=SECOND_LANGUAGE,
        clerk=clerk,
    )
    form = QuestionnaireForm(definition, data=post_data(definition, answers))
    if not form.is_valid():
        raise SystemExit(f"the form refused the demo answers: {form.errors}")
    save_interview(case, form, questionnaire=questionnaire, revision=revision, actor=clerk, complete=True)
    certificate = release_case(case, clerk)
    if certificate.language != SECOND_LANGUAGE or certificate.follow_up_appointment is None:
        raise SystemExit("the bench certificate lacks its second language or its appointment")
    return case, certificate, clerk


def view_call(case, certificate, clerk):
    """``CertificatePdfView.get`` for the case, without the HTTP layer; returns the PDF bytes."""
    from django.test import RequestFactory

    from plugins.intake import case_views
    from plugins.intake.case_views import CertificatePdfView

    request = RequestFactory().get(f"/admin/intake/cases/{case.pk}/certificates/{certificate.pk}/pdf/")
    request.user = clerk
    kwargs = {"pk": case.pk, "certificate_pk": certificate.pk}

    def call():
        view = CertificatePdfView()
        view.setup(request, **kwargs)
        with mock.patch.object(case_views, "audit", NO_AUDIT):
            response = view.get(request, **kwargs)
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            raise SystemExit(f"the view gave no PDF (status {response.status_code})")
        return response.content

    return call


def captured_pisa_call(platform_call):
    """The arguments the platform hands ``pisa.CreatePDF``, taken from one of its own calls."""
    from xhtml2pdf import pisa

    create = pisa.CreatePDF
    seen = []

    def spy(*args, **kwargs):
        seen.append((args, kwargs))
        return create(*args, **kwargs)

    with mock.patch.object(pisa, "CreatePDF", spy):
        platform_call()
    (args, kwargs), *more = seen
    if more:
        raise SystemExit("the platform called pisa.CreatePDF more than once for one certificate")
    html = kwargs.pop("src", None) if not args else args[0]
    kwargs.pop("dest", None)
    return html, kwargs


def bare_call(html, kwargs):
    """xhtml2pdf alone on the captured HTML, with the options the platform gave (fonts, encoding)."""
    from xhtml2pdf import pisa

    def call():
        output = io.BytesIO()
        status = pisa.CreatePDF(html, dest=output, **kwargs)
        if status.err:
            raise SystemExit(f"xhtml2pdf reported {status.err} error(s) on the captured HTML")
        return output.getvalue()

    return call


def accelerator():
    try:
        import _rl_accel  # noqa: F401
    except ImportError:
        return "reportlab without rl_accel"
    return "reportlab with rl_accel"


def measure(options):
    case, certificate, clerk = released_case()
    platform = view_call(case, certificate, clerk)
    html, kwargs = captured_pisa_call(platform)
    bare = bare_call(html, kwargs)
    medians = harness.interleaved({"platform": platform, "bare": bare}, rounds=options.rounds)
    rows = [
        harness.Row("certificate view (case → PDF bytes)", medians["platform"], "bare xhtml2pdf", medians["bare"], GOAL)
    ]
    return [(f"Certificate PDF, {len(html) // 1024} KB of HTML ({accelerator()})", rows)]


if __name__ == "__main__":
    harness.main(__file__, measure, description=__doc__.splitlines()[0])
