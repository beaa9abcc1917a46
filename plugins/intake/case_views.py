"""The clerk's screens: new interview, the interview itself, the case file, release (the list: ``case_list``)."""

import datetime
import logging
from dataclasses import asdict

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from core import audit
from core.contracts import SourceRef
from core.permissions import PermissionRequiredMixin
from core.staff import staff_name
from core.text import TextField
from questionnaires.api import (
    SECTION_INDEX_TEMPLATE,
    StaleAnswers,
    answer_sections,
    build_form,
    country_choices,
    language_choices,
    published,
)

from .case_file import (
    EDITABLE,
    SET_BY_HAND,
    TRANSITIONS,
    TransitionRefused,
    initial_answers,
    interview_closed_message,
    open_case,
    save_interview,
    set_status_by_hand,
)
from .case_forms import RevokeForm, StartForm, StatusForm, error_lines
from .case_history import case_history
from .case_list import LIST_SHOWS, CaseFilterSet, CaseIndexView, list_columns
from .models import WALK_IN, Case, CaseStatus, CertificateStatus, ReleaseCertificate
from .release import (
    ReleaseRefused,
    display_code,
    missing_answers,
    registered,
    reissue_certificate,
    release_case,
    revoke_certificate,
)
from .sources import source_link, start_options, start_query, start_url

INTERVIEW_QUESTIONNAIRE = "erstgespraech"
# The personal data each screen shows, for its audit entry (field names of Case and ReleaseCertificate).
CASE_FILE_SHOWS = [*LIST_SHOWS, "source_kind", "certificates", "status_changes"]
CERTIFICATE_SHOWS = ["holder_name", "holder_birth_date", "reference", "number", "verification_code"]
logger = logging.getLogger(__name__)


class NewCaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["surname", "first_names", "birth_date", "nationality", "language"]
        field_classes = {"surname": TextField, "first_names": TextField}
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"] = forms.ChoiceField(
            label=_("nationality"), choices=[("", "—")] + country_choices(), required=False
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("interview language"), choices=[("", "—")] + language_choices(), required=False
        )

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if value >= datetime.date.today():
            raise forms.ValidationError(_("The date of birth must be in the past."))
        return value


class CaseCreateView(PermissionRequiredMixin, generic.CreateView):
    """A walk-in, or a start another plugin offers through ``INTAKE_START_OPTIONS`` (e.g. a booking).

    The URL names the chosen start only by its source (``?source_kind=…&source_id=…``); the
    person's data comes from the providing plugin, asked again on every request.
    """

    required_permission = "intake.add_case"

    @cached_property
    def offered(self):
        return start_options(self.request)

    @cached_property
    def start_form(self):
        return StartForm(self.request.GET)

    @cached_property
    def requested_source(self):
        if not self.start_form.is_valid():
            return None
        data = self.start_form.cleaned_data
        return SourceRef(data["source_kind"], data["source_id"]) if data["source_kind"] else None

    @cached_property
    def start_option(self):
        """The chosen start if it is still offered: asked again rather than taken from the URL."""
        source = self.requested_source
        return next((option for option in self.offered if option.source == source), None) if source else None

    @property
    def start_gone(self):
        """The URL names a start that is not offered (any more), or parameters no start can have."""
        invalid = not self.start_form.is_valid()
        return invalid or (self.requested_source is not None and self.start_option is None)

    def refuse_start(self):
        if not self.start_form.is_valid():
            messages.error(self.request, _("The link to this start is not valid; please enter the case as a walk-in."))
        else:
            messages.error(self.request, _("This start is no longer offered; please enter the case as a walk-in."))

    def get(self, request, *args, **kwargs):
        if self.start_gone:
            self.refuse_start()
            return redirect("intake_case:add")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.start_gone:
            # Keep what the clerk typed; the form now posts to the walk-in address.
            self.refuse_start()
            self.object = None
            return self.render_to_response(self.get_context_data(form=self.get_form()))
        return super().post(request, *args, **kwargs)

    def get_add_url(self):
        url = reverse("intake_case:add")
        return f"{url}?{start_query(self.start_option.source)}" if self.start_option else url

    def get_initial(self):
        person = asdict(self.start_option.person) if self.start_option else {}
        return {name: value for name, value in person.items() if value}

    def save_instance(self):
        data = self.form.cleaned_data
        return open_case(
            surname=data["surname"],
            first_names=data["first_names"],
            birth_date=data["birth_date"],
            nationality=data.get("nationality") or "",
            language=data.get("language") or "",
            clerk=self.request.user,
            source=self.start_option.source if self.start_option else None,
        )

    def get_edit_url(self):
        return reverse("intake_case:interview", args=[self.object.pk])

    def get_success_url(self):
        return self.get_edit_url()

    def get_success_message(self, instance):
        return _("Case %s opened.") % instance.reference

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["start_options"] = [(option.label, start_url(option)) for option in self.offered]
        return context


class CaseMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    required_permission = "intake.view_case"
    header_icon = "user"

    @cached_property
    def case(self):
        # The revision says which compiled definition the answers follow; its content is not needed.
        cases = Case.objects.select_related("answer_set__revision", "assigned_clerk").defer(
            "answer_set__revision__content"
        )
        return get_object_or_404(cases, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.case)

    def read_case_file(self, **details):
        """The answers by section for a page showing the case file, with that page's audit entry."""
        case = self.case
        answers = sorted(case.answer_set.data) if case.answer_set_id else []
        audit.record("case.read", case, self.request.user, fields=CASE_FILE_SHOWS, answers=answers, **details)
        return answer_sections(case.answer_set) if case.answer_set_id else []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("intake_case:index"), "label": _("First interviews")},
            {"url": reverse("intake_case:detail", args=[self.case.pk]), "label": self.case.reference},
            {"url": "", "label": self.get_page_title()},
        ]


class CaseDetailView(CaseMixin, TemplateView):
    template_name = "intake/case_detail.html"

    def get_page_title(self):
        return _("Case file")

    def get_context_data(self, status_form=None, revoke_form=None, revoke_pk=None, **kwargs):
        """``status_form`` and ``revoke_form`` (of certificate ``revoke_pk``): refused input, shown again."""
        context = super().get_context_data(**kwargs)
        case = self.case
        sections = self.read_case_file()
        certificates = list(case.certificates.select_related("issued_by", "revoked_by"))
        for certificate in certificates:
            certificate.code_display = display_code(certificate.verification_code)
            certificate.revoke_form = revoke_form if certificate.pk == revoke_pk else RevokeForm(auto_id=False)
        user = self.request.user
        context.update(
            case=case,
            sections=sections,
            source_link=source_link(case.source, self.request),
            walk_in=WALK_IN,
            history=case_history(case, certificates),
            certificates=certificates,
            can_edit=case.status in EDITABLE and user.has_perm("intake.change_case"),
            can_release=case.status == CaseStatus.COMPLETE and user.has_perm("intake.release_case"),
            can_manage_certificates=user.has_perm("intake.release_case") and not registered(case),
            missing=missing_answers(case) if case.status == CaseStatus.COMPLETE else [],
            status_actions=[
                (status, CaseStatus(status).label)
                for status in SET_BY_HAND
                if status in TRANSITIONS[CaseStatus(case.status)]
            ],
            valid=CertificateStatus.VALID,
            status_form=status_form or StatusForm(auto_id=False),
        )
        return context

    def refused(self, form, **forms):
        """The case file again, with what was typed and what is wrong with it."""
        for message in error_lines(form):
            messages.error(self.request, message)
        return self.render_to_response(self.get_context_data(**forms))


class CasePrintView(CaseMixin, TemplateView):
    """The case file on paper (some offices keep one): the facts and the interview answers by section."""

    template_name = "intake/case_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        sections = self.read_case_file(view="print")
        context.update(
            case=case,
            sections=sections,
            certificates=case.certificates.all(),
            now=timezone.localtime(),
            printed_by=staff_name(self.request.user),
        )
        return context


class InterviewView(CaseMixin, TemplateView):
    """The questionnaire of the published revision; save as draft at any time, complete when all is there."""

    required_permission = "intake.change_case"
    template_name = "intake/interview.html"

    def get_page_title(self):
        return _("First interview")

    def setup_form(self, data=None, draft=False):
        self.questionnaire, self.revision, definition = published(INTERVIEW_QUESTIONNAIRE)
        return build_form(
            definition,
            data=data,
            answers=initial_answers(self.case, self.request.user),
            language="de",
            prefix="q",
            draft=draft,
            read_along=self.case.language,
        )

    @cached_property
    def version(self):
        """The answers' version this page shows; a save names it, and one from an older version is refused."""
        return self.case.answer_set.version if self.case.answer_set_id else 0

    def posted_version(self):
        try:
            return int(self.request.POST.get("version", ""))
        except ValueError:
            return 0  # a page without a version: refused if anything is on file, which it then shows

    def get_context_data(self, changed=(), **kwargs):
        """Every interview page shows stored answers: each one rendered is audited (``changed``: ``record_read``)."""
        self.record_read(also=changed)
        return super().get_context_data(version=self.version, section_index_template=SECTION_INDEX_TEMPLATE, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.case.status not in EDITABLE:
            messages.warning(request, interview_closed_message(self.case))
            return redirect("intake_case:detail", self.case.pk)
        return self.render_to_response(self.get_context_data(form=self.setup_form()))

    def record_read(self, also=()):
        """The page shows what the case holds (the stored answers, or the core data of a new case).

        Also when a save is refused or a draft comes back with marked fields: beside what was
        typed, those pages show stored values (of the fields changed meanwhile: ``also``, of invalid input).
        """
        shown = {key for key, value in initial_answers(self.case, self.request.user).items() if value}
        audit.record("case.read", self.case, self.request.user, answers=sorted(shown | set(also)))

    def post(self, request, *args, **kwargs):
        complete = "complete" in request.POST
        form = self.setup_form(request.POST, draft=not complete)
        valid = form.is_valid()
        was_complete = self.case.status == CaseStatus.COMPLETE
        try:
            if complete and valid:
                self.save(form, complete=True)
                messages.success(request, _("Interview complete. The case can now be released."))
                return redirect("intake_case:detail", self.case.pk)
            # The valid part as a draft, from the form already built and validated: rows given an
            # id here keep it.
            draft = form.as_draft() if complete else form
            draft.is_valid()
            self.save(draft)
        except TransitionRefused as refused:
            # Released or closed by a colleague meanwhile: show what was typed, store nothing.
            messages.error(request, str(refused))
            return self.render_to_response(self.get_context_data(form=form, closed=True), status=409)
        except StaleAnswers as stale:
            # Saved by someone else since this page was opened: store nothing, keep what was typed,
            # say what changed. The page now carries the new version: saving again is deliberate.
            messages.error(request, self.stale_message(stale))
            typed = form
            form = self.setup_form(typed.with_changes_on_file(stale), draft=True)
            form.is_valid()
            form.show_changed_meanwhile(stale, typed)
            self.version = stale.version
            return self.render_to_response(self.get_context_data(form=form, changed=stale.changed), status=409)
        if was_complete and self.case.status == CaseStatus.IN_INTERVIEW:
            messages.warning(
                request,
                _("Required answers are now missing: the case is “%s” again.") % CaseStatus(self.case.status).label,
            )
        if valid:
            messages.success(request, _("Draft saved."))
            return redirect("intake_case:interview", self.case.pk)
        if complete:
            messages.error(
                request,
                _(
                    "The interview is not complete yet: please check the marked answers. "
                    "Everything valid has been saved."
                ),
            )
        else:
            messages.warning(
                request,
                _("Draft saved. Some answers are not valid and were not saved; please check the marked fields."),
            )
        return self.render_to_response(self.get_context_data(form=form), status=200)

    def save(self, form, complete=False):
        self.case = save_interview(
            self.case,
            form,
            questionnaire=self.questionnaire,
            revision=self.revision,
            actor=self.request.user,
            complete=complete,
            expected_version=self.posted_version(),
        )
        self.version = self.case.answer_set.version

    def stale_message(self, stale):
        answer_set = stale.answer_set
        saved_at = timezone.localtime(answer_set.updated_at)
        details = {
            "date": date_format(saved_at, "SHORT_DATE_FORMAT"),
            "time": date_format(saved_at, "H:i"),
            "questions": ", ".join(stale.labels()),
        }
        if answer_set.updated_by_id == self.request.user.pk:
            text = _(
                "You saved this interview on %(date)s at %(time)s in another tab or window, "
                "after this page was opened. Nothing was saved now. Changed meanwhile: %(questions)s. "
                "These questions now show what is on file, each with your input beside it; "
                "everything else you typed is still below. Save again when you are done."
            )
        else:
            user = answer_set.updated_by
            details["name"] = staff_name(user) if user else _("A colleague")
            text = _(
                "%(name)s saved this interview on %(date)s at %(time)s, after this page was opened. "
                "Nothing was saved now. Changed meanwhile: %(questions)s. "
                "These questions now show what is on file, each with your input beside it; "
                "everything else you typed is still below. Save again when you are done."
            )
        return text % details


class InterviewSectionsView(InterviewView):
    """The section index's states for what the interview page holds now; nothing is saved or shown."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = self.setup_form(request.POST, draft=True)
        sections = [{**section, "state_label": str(section["state_label"])} for section in form.section_index()]
        return JsonResponse({"sections": sections})


class StatusView(CaseDetailView):
    required_permission = "intake.change_case"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = StatusForm(request.POST, auto_id=False)
        if not form.is_valid():
            return self.refused(form, status_form=form)
        try:
            set_status_by_hand(self.case, form.cleaned_data["to"], request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Status changed to “%s”.") % CaseStatus(self.case.status).label)
        return redirect("intake_case:detail", self.case.pk)


class ReleaseView(CaseMixin, View):
    required_permission = "intake.release_case"

    def post(self, request, *args, **kwargs):
        try:
            certificate = release_case(self.case, request.user)
        except ReleaseRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Case released; certificate %s issued.") % certificate.number)
        return redirect("intake_case:detail", self.case.pk)


class CertificateActionView(CaseDetailView):
    required_permission = "intake.release_case"
    http_method_names = ["post"]

    def post(self, request, certificate_pk, action, *args, **kwargs):
        certificate = get_object_or_404(ReleaseCertificate, pk=certificate_pk, case=self.case)
        form = RevokeForm(request.POST, auto_id=False)
        if action == "revoke" and not form.is_valid():
            return self.refused(form, revoke_form=form, revoke_pk=certificate.pk)
        try:
            if action not in ("revoke", "reissue"):
                raise Http404
            if action == "revoke":
                revoke_certificate(certificate, request.user, form.cleaned_data["reason"])
                messages.success(request, _("Certificate %s revoked.") % certificate.number)
            else:
                new = reissue_certificate(certificate, request.user)
                messages.success(
                    request, _("Certificate %(new)s replaces %(old)s.") % {"new": new.number, "old": certificate.number}
                )
        except ReleaseRefused as refused:
            messages.error(request, str(refused))
        return redirect("intake_case:detail", self.case.pk)


CERTIFICATE_COLUMNS = (
    "case",
    "number",
    "verification_code",
    "status",
    "holder_name",
    "holder_birth_date",
    "language",
    "follow_up_appointment",
    "issued_at",
    "issued_by",
    "revoked_at",
    "superseded_by",
)


class CertificatePdfView(CaseMixin, View):
    @cached_property
    def certificate(self):
        """The certificate with what it prints of its case, its issuer and its successor, in one query.

        Only the printed columns: building the SQL for all sixty columns of the four rows took
        longer than running it.
        """
        certificates = ReleaseCertificate.objects.select_related("case", "issued_by", "superseded_by").only(
            *CERTIFICATE_COLUMNS,
            "case__reference",
            "issued_by__first_name",
            "issued_by__last_name",
            "issued_by__username",
            "superseded_by__number",
        )
        return get_object_or_404(certificates, pk=self.kwargs["certificate_pk"], case_id=self.kwargs["pk"])

    @cached_property
    def case(self):
        return self.certificate.case

    def get(self, request, *args, **kwargs):
        from .certificate import CertificateRenderError, render_certificate_pdf

        certificate = self.certificate
        try:
            pdf = render_certificate_pdf(certificate)
        except CertificateRenderError:
            logger.exception("Certificate %s could not be rendered", certificate.number)
            messages.error(
                request,
                _("The PDF of certificate %s could not be created; please check the certificate wording.")
                % certificate.number,
            )
            return redirect("intake_case:detail", self.case.pk)
        audit.record(
            "certificate.download", certificate, request.user, case=self.case.reference, fields=CERTIFICATE_SHOWS
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
        return response


class CaseViewSet(ModelViewSet):
    model = Case
    icon = "user"
    menu_label = gettext_lazy("First interviews")
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "intake/cases"
    name = "intake_case"
    index_view_class = CaseIndexView
    add_view_class = CaseCreateView
    form_fields = ["surname", "first_names", "birth_date", "nationality", "language"]
    filterset_class = CaseFilterSet
    search_fields = ["reference", "surname", "first_names"]
    search_backend_name = None
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-created_at"]
    create_template_name = "intake/case_create.html"

    def get_form_class(self, for_update=False):
        return NewCaseForm

    @property
    def list_display(self):
        return list_columns()

    def get_urlpatterns(self):
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name in ("index", "index_results", "add")
        ] + [
            path("<int:pk>/", CaseDetailView.as_view(), name="detail"),
            path("<int:pk>/print/", CasePrintView.as_view(), name="print"),
            path("<int:pk>/interview/", InterviewView.as_view(), name="interview"),
            path("<int:pk>/interview/sections/", InterviewSectionsView.as_view(), name="interview_sections"),
            path("<int:pk>/status/", StatusView.as_view(), name="status"),
            path("<int:pk>/release/", ReleaseView.as_view(), name="release"),
            path("<int:pk>/certificates/<int:certificate_pk>/pdf/", CertificatePdfView.as_view(), name="pdf"),
            path(
                "<int:pk>/certificates/<int:certificate_pk>/<str:action>/",
                CertificateActionView.as_view(),
                name="certificate",
            ),
        ]
