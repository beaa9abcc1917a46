from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import roles
from core.contracts import AuditVocabulary, FieldDependency
from core.hooks import (
    AUDIT_VOCABULARY,
    BOOKING_CHECKED_IN,
    BOOTSTRAP,
    CASE_RECORDS,
    DEMO_DATA,
    QUESTIONNAIRE_DEPENDENCIES,
    ROLE_PERMISSIONS,
)

from .case_file import ANSWERS_READ
from .case_views import INTERVIEW_QUESTIONNAIRE, CaseViewSet
from .models import Case, CaseStatus, CertificateStatus, CertificateWording, ReleaseCertificate
from .release import FOLLOW_UP_KEY
from .verification_views import ConfirmRegistrationView, VerifyView


class CertificateWordingViewSet(SnippetViewSet):
    model = CertificateWording
    icon = "doc-full"
    menu_label = _("Certificate wording")
    menu_order = 300
    add_to_settings_menu = True
    list_display = ["language", "title"]


register_snippet(CertificateWordingViewSet)


@hooks.register("register_admin_viewset")
def register_case_viewset():
    return CaseViewSet()


@hooks.register("register_admin_urls")
def verification_urls():
    # These addresses are printed in the QR codes of issued certificates: never change them.
    return [
        path("intake/verify/", VerifyView.as_view(), name="intake_verify"),
        path("intake/verify/<str:code>/", VerifyView.as_view(), name="intake_verify_code"),
        path(
            "intake/verify/<str:code>/confirm/", ConfirmRegistrationView.as_view(), name="intake_confirm_registration"
        ),
    ]


class VerifyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("intake.verify_certificate")


@hooks.register("register_admin_menu_item")
def verify_menu_item():
    return VerifyMenuItem(_("Verify certificate"), reverse("intake_verify"), icon_name="tick-inverse", order=160)


@hooks.register(BOOKING_CHECKED_IN)
def cases_for_checked_in(checked_in, request):
    from .check_in import open_checked_in

    return open_checked_in(checked_in, request)


@hooks.register(ROLE_PERMISSIONS)
def intake_permissions():
    return {
        roles.ADMINISTRATOR: [f"intake.{action}_certificatewording" for action in ("add", "change", "delete", "view")],
        roles.CLERK: ["intake.add_case", "intake.change_case", "intake.view_case", "intake.release_case"],
        roles.CITIZENS_OFFICE: ["intake.verify_certificate", "intake.confirm_registration"],
    }


@hooks.register(QUESTIONNAIRE_DEPENDENCIES)
def interview_answers_read():
    """The case file copies these answers; the certificate prints the Bürgerbüro appointment when given."""
    read = [FieldDependency("intake", INTERVIEW_QUESTIONNAIRE, key, kind) for key, kind in ANSWERS_READ.items()]
    return read + [FieldDependency("intake", INTERVIEW_QUESTIONNAIRE, FOLLOW_UP_KEY, "date", required=False)]


@hooks.register(BOOTSTRAP, order=100)
def bootstrap_certificate_wordings(*, demo, stdout):
    from .certificate import ensure_default_wordings

    stdout.write(f"Certificate wordings: {ensure_default_wordings()} created.")


@hooks.register(CASE_RECORDS)
def case_records(query):
    from .records import case_records

    return case_records(query)


@hooks.register(DEMO_DATA)
def demo_cases(request, stdout):
    from .demo import contribute

    contribute(request, stdout)


def _field_names():
    """Case and certificate field names → their labels (the case's where both have one)."""
    names = {"certificates": _("release certificates"), "status_changes": _("history")}
    for model in (ReleaseCertificate, Case):
        names.update({field.name: field.verbose_name for field in model._meta.concrete_fields})
    return names


@hooks.register(AUDIT_VOCABULARY)
def audit_vocabulary():
    statuses = dict(CaseStatus.choices)
    return AuditVocabulary(
        actions={
            "case.open": _("Case opened"),
            "case.list": _("Case list read"),
            "case.read": _("Case read"),
            "case.answers": _("Answers saved"),
            "case.status": _("Status changed"),
            "case.registered": _("Registration confirmed"),
            "certificate.issue": _("Certificate issued"),
            "certificate.revoke": _("Certificate revoked"),
            "certificate.reissue": _("Certificate reissued"),
            "certificate.download": _("Certificate PDF downloaded"),
            "certificate.verify": _("Certificate verified"),
            "demo.seed": _("Demo cases created"),
        },
        details={
            "fields": _("fields"),
            "answers": _("answers"),
            "cases": _("cases"),
            "case": _("case"),
            "certificate": _("certificate"),
            "replaces": _("replaces"),
            "complete": _("complete"),
            "searched": _("searched"),
            "filtered": _("filtered"),
            "outcome": _("outcome"),
            "code_prefix": _("code begins with"),
            "source_kind": _("started from"),
            "source_id": _("source id"),
            "certificates": _("release certificates"),
            "statuses": _("statuses"),
            "seed": _("seed"),
            "view": _("view"),
        },
        values={
            "fields": _field_names(),
            "statuses": statuses,
            "from_status": statuses,
            "to_status": statuses,
            "outcome": dict(CertificateStatus.choices) | {"unknown": _("unknown code")},
            "view": {"print": _("print view")},
        },
        transitions=(("from_status", "to_status", _("Status")),),
    )
