"""The Bürgerbüro's page: is this certificate valid? Shows the minimum, never the interview's answers."""

from axes.helpers import get_client_ip_address
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import PermissionRequiredMixin
from core.rate_limit import FailureBudget

from .release import ReleaseRefused, confirm_registration, display_code, verify_code

# Unknown codes per clerk and client address: 10 in any 15 minutes, in every worker together.
UNKNOWN_CODES = FailureBudget("intake:verify-unknown", limit=10, window=15 * 60)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=40,
        help_text=gettext_lazy("As printed on the certificate, e.g. ABCD-EFGH-JKLM-NPQR"),
    )


def _budget_key(request):
    return f"{request.user.pk}:{get_client_ip_address(request)}"


def look_up(code, request):
    """``verify_code`` within the budget of unknown codes; ``None`` when it is spent."""
    slot = UNKNOWN_CODES.take(_budget_key(request))
    if slot is None:
        return None
    result = verify_code(code, request.user)
    if result.outcome != "unknown":
        UNKNOWN_CODES.give_back(slot)
    return result


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
        if UNKNOWN_CODES.exhausted(_budget_key(self.request)):
            return self.locked(form)
        if not form.is_valid():
            return self.form_invalid(form)
        result = look_up(form.cleaned_data["code"], self.request)
        if result is None:
            return self.locked(form)
        context = self.get_context_data(form=form, result=result)
        if result.certificate:
            context["code_display"] = display_code(result.certificate.verification_code)
        return self.render_to_response(context)

    def locked(self, form):
        response = self.render_to_response(self.get_context_data(form=form, locked=True))
        response.status_code = 429
        return response


class ConfirmRegistrationView(PermissionRequiredMixin, View):
    """Confirms only after the same audited, rate-limited look-up as the verification page."""

    required_permission = "intake.confirm_registration"

    def post(self, request, code):
        result = look_up(code, request)
        if result is None:
            messages.error(request, _("Too many unknown codes. Please wait a quarter of an hour and try again."))
            return redirect("intake_verify")
        certificate = result.certificate
        if certificate is None:
            messages.error(request, _("Unknown certificate."))
            return redirect("intake_verify")
        try:
            case = confirm_registration(certificate, request.user)
        except ReleaseRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Registration of %s confirmed.") % case.full_name)
        return redirect(reverse("intake_verify_code", kwargs={"code": certificate.verification_code}))
