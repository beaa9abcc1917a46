"""The public page types, one per kind of information a newcomer needs (content in ``defaults/``)."""

from django import forms
from django.db import models
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from core.office import office_details, to_be_completed
from core.pdf import FONTS, render_pdf

from .blocks import ContentBlocks

INTRO_FEATURES = ["bold", "italic", "link"]


def to_complete(name):
    """The panel of a field only the town can fill: empty, it reads "to be completed"."""
    return FieldPanel(name, widget=to_be_completed(forms.Textarea(attrs={"rows": 3})))


class PageForm(WagtailAdminPageForm):
    """Every public page's form: with the box a translator ticks once a person has checked the translation."""

    reviewed = forms.BooleanField(
        label=_("translation checked by a person"),
        required=False,
        help_text=_("Leave it empty while a translation was not read by someone who speaks the language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewed"].initial = self.instance.translation_reviewed

    def save(self, commit=True):
        self.instance.translation_reviewed = self.cleaned_data["reviewed"]
        return super().save(commit=commit)


class ReviewedTranslationPage(Page):
    """Whether a person checked this language's text; a new translation starts unchecked, whatever its source says.

    Not editable as a model field, so wagtail-localize never copies it from the German page on a sync;
    the editor sets it through ``PageForm``. The page tree shows "not checked" after the title.
    """

    translation_reviewed = models.BooleanField(_("translation checked"), default=False, editable=False)

    base_form_class = PageForm
    exclude_fields_in_copy = ["translation_reviewed"]
    settings_panels = Page.settings_panels + [FieldPanel("reviewed")]

    class Meta:
        abstract = True

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        if self.translation_reviewed:
            return title
        return _("%(title)s (translation not checked)") % {"title": title}


class HomePage(ReviewedTranslationPage):
    """The public start page, one per language: what the office is, the way in (booking, information), contact."""

    intro = RichTextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count_per_parent = None
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news"] = NewsPage.objects.child_of(self).live().order_by("-first_published_at")[:3]
        return context


class ContentPage(ReviewedTranslationPage):
    """A title, a short introduction and the information blocks; what every other page type shares."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    body = StreamField(ContentBlocks(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        abstract = True


class InformationPage(RoutablePageMixin, ContentPage):
    """What to expect and what to do, in steps, checklists and questions (e.g. "Your way to registration").

    A page with a checklist also has a one-page information sheet to print (``informationsblatt/``):
    its steps, checklist and opening hours with the office's address, as a PDF in the page's language.
    """

    SHEET_BLOCKS = ("steps", "checklist", "opening_hours")

    parent_page_types = ["pages.HomePage", "pages.InformationPage"]
    subpage_types = ["pages.InformationPage"]

    class Meta:
        verbose_name = _("information page")

    def sheet_blocks(self):
        """The first steps, checklist and opening-hours block, by type; empty without a checklist."""
        found = {}
        for block in self.body:
            if block.block_type in self.SHEET_BLOCKS:
                found.setdefault(block.block_type, block)
        return found if "checklist" in found else {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["has_sheet"] = bool(self.sheet_blocks())
        return context

    @path("informationsblatt/", name="information_sheet")
    def information_sheet(self, request):
        """The printable sheet; served through Wagtail, so the page cache keeps it and a publish renews it."""
        from .site import public_links

        blocks = self.sheet_blocks()
        if not blocks:
            return HttpResponse(status=404)
        language = self.locale.language_code
        links = [(link.label, request.build_absolute_uri(link.url)) for link in public_links(language)]
        html = render_to_string(
            "pages/information_sheet.html",
            {
                **FONTS,
                "page": self,
                "blocks": blocks,
                "office": office_details(),
                "links": links,
                "url": request.build_absolute_uri(self.url),
                "language": language,
            },
            request=request,
        )
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.slug}-{language}.pdf"'
        return response


class NewsPage(ContentPage):
    """An announcement, such as the new procedure before registration; dated by its first publication."""

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")


class PrivacyNoticePage(ContentPage):
    """The privacy notice under Art. 13 GDPR; controller and data-protection officer come from the office setting.

    Its version and language are what a booking or a case records (``core.hooks.PRIVACY_NOTICE``):
    raise the version whenever the content changes. A translation keeps the version of the text
    it was translated from.
    """

    version = models.CharField(
        _("version"), max_length=20, help_text=_("Raise it with every change of content, e.g. 2 after 1.")
    )

    content_panels = Page.content_panels + [FieldPanel("version"), FieldPanel("intro"), FieldPanel("body")]
    override_translatable_fields = [SynchronizedField("version", overridable=False)]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacy notice")


class AccessibilityStatementPage(ContentPage):
    """The accessibility statement BITV 2.0 asks for: status, what is not accessible, feedback, enforcement."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    conformance = models.CharField(
        _("conformance"),
        max_length=10,
        choices=Conformance.choices,
        blank=True,
        help_text=_("The result of the town's own assessment or an audit."),
    )
    assessed_on = models.DateField(
        _("assessed on"), null=True, blank=True, help_text=_("When the assessment was made.")
    )
    enforcement_body = models.TextField(
        _("enforcement procedure"),
        blank=True,
        help_text=_("The conciliation body a person may turn to, with its address. Only the town can give this."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("conformance"), FieldPanel("assessed_on")], heading=_("assessment")),
        FieldPanel("intro"),
        FieldPanel("body"),
        to_complete("enforcement_body"),
    ]
    override_translatable_fields = [SynchronizedField("conformance"), SynchronizedField("assessed_on")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")


class ImprintPage(ContentPage):
    """The imprint (legal notice): the office setting's name, address and contact, and who represents the town."""

    represented_by = models.TextField(
        _("represented by"), blank=True, help_text=_("Who represents the town as a public body.")
    )
    responsible_for_content = models.TextField(
        _("responsible for the content"), blank=True, help_text=_("Name and address.")
    )

    content_panels = Page.content_panels + [
        to_complete("represented_by"),
        to_complete("responsible_for_content"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("imprint")
