"""The Bürgerbüro's page: is this certificate valid? Shows the minimum, never the interview's answers."""

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import PermissionRequiredMixin

from .release import ReleaseRefused, confirm_registration, display_code, verify_code

FAILURE_LIMIT = 10
FAILURE_WINDOW = 15 * 60


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=40,
        help_text=gettext_lazy("As printed on the certificate, e.g. ABCD-EFGH-JKLM-NPQR"),
    )


def _failure_key(request):
    return f"intake:verify-failures:{request.user.pk}:{request.META.get('REMOTE_ADDR', '')}"


def too_many_failures(request):
    return cache.get(_failure_key(request), 0) >= FAILURE_LIMIT


def note_failure(request):
    key = _failure_key(request)
    if not cache.add(key, 1, FAILURE_WINDOW):
        cache.incr(key)


class VerifyView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    required_permission = "intake.verify_certificate"
    template_name = "intake/verify.html"
    form_class = CodeForm
    header_icon = "tick-inverse"

    def get_page_title(self):
        return _("Verify a release certificate")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_initial(self):
        return {"code": self.kwargs.get("code", "")}

    def get(self, request, *args, **kwargs):
        if "code" in kwargs:
            return self.check(CodeForm({"code": kwargs["code"]}))
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        return self.check(form)

    def check(self, form):
        if too_many_failures(self.request):
            response = self.render_to_response(self.get_context_data(form=form, locked=True))
            response.status_code = 429
            return response
        if not form.is_valid():
            return self.form_invalid(form)
        result = verify_code(form.cleaned_data["code"], self.request.user)
        if result.outcome == "unknown":
            note_failure(self.request)
        context = self.get_context_data(form=form, result=result)
        if result.certificate:
            context["code_display"] = display_code(result.certificate.verification_code)
        return self.render_to_response(context)


class ConfirmRegistrationView(PermissionRequiredMixin, View):
    """Confirms only after the same audited, rate-limited look-up as the verification page."""

    required_permission = "intake.confirm_registration"

    def post(self, request, code):
        if too_many_failures(request):
            messages.error(request, _("Too many unknown codes. Please wait a quarter of an hour and try again."))
            return redirect("intake_verify")
        certificate = verify_code(code, request.user).certificate
        if certificate is None:
            note_failure(request)
            messages.error(request, _("Unknown certificate."))
            return redirect("intake_verify")
        try:
            case = confirm_registration(certificate, request.user)
        except ReleaseRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Registration of %s confirmed.") % case.full_name)
        return redirect(reverse("intake_verify_code", kwargs={"code": certificate.verification_code}))
