"""The blocks of an information page: what a newcomer needs, each rendered as plain, semantic HTML.

Nothing here needs JavaScript: the FAQ is ``<details>``, the map is a plain link. The
opening hours come from whichever app provides ``core.hooks.OPENING_HOURS`` (the
scheduling plugin), and from the block's own text when none does.
"""

from urllib.parse import urlencode

from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.documents.blocks import DocumentChooserBlock

from core.hooks import OPENING_HOURS
from core.office import office_details

MAP_SEARCH = "https://www.openstreetmap.org/search?"
TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


def map_link(lines):
    """A plain link to the address on OpenStreetMap: no map is embedded, so nothing loads from elsewhere."""
    return MAP_SEARCH + urlencode({"query": ", ".join(lines)}) if lines else ""


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        form_classname = "title"
        template = "pages/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading (shown as a second-level heading).")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    """A numbered path, e.g. from booking to registration: the order matters, so it is an ``<ol>``."""

    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "pages/blocks/steps.html"
        label = _("Numbered steps")
        description = _("Steps in their order, numbered.")


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("checklist item"), max_length=300), label=_("checklist items"), min_num=1
    )
    note = blocks.RichTextBlock(label=_("note"), features=TEXT_FEATURES, required=False)

    class Meta:
        icon = "tasks"
        template = "pages/blocks/checklist.html"
        label = _("Checklist")
        description = _("What to bring, as a list to tick off.")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("answer"), features=TEXT_FEATURES)


class FaqBlock(blocks.StructBlock):
    """Questions and answers that open one by one, with ``<details>``: no JavaScript needed."""

    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "pages/blocks/faq.html"
        label = _("Questions and answers")
        description = _("An accordion of questions; each answer opens without JavaScript.")


class ContactBlock(blocks.StructBlock):
    """A place to go: the office's own details unless the block names another place."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    name = blocks.CharBlock(
        label=_("name"), max_length=255, required=False, help_text=_("Empty: the office details from the settings.")
    )
    address = blocks.TextBlock(label=_("address"), required=False, help_text=_("One line each; empty: the office's."))
    phone = blocks.CharBlock(label=_("phone"), max_length=50, required=False)
    email = blocks.EmailBlock(label=_("email"), required=False)
    note = blocks.RichTextBlock(label=_("note"), features=TEXT_FEATURES, required=False)

    class Meta:
        icon = "site"
        template = "pages/blocks/contact.html"
        label = _("Contact and address")
        description = _("Name, address with a link to the map, phone and email.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value["name"] or value["address"]:
            lines = [line.strip() for line in value["address"].splitlines() if line.strip()]
            place = {"name": value["name"], "lines": lines, "phone": value["phone"], "email": value["email"]}
        else:
            office = office_details()
            lines = office.address_lines
            place = {"name": office.name, "lines": lines, "phone": office.phone, "email": office.email}
        context.update(place=place, map_url=map_link(lines))
        return context


def _by_weekday(ranges):
    days = {}
    for opening in sorted(ranges, key=lambda r: (r.weekday, r.start)):
        days.setdefault(opening.weekday, []).append((opening.start, opening.end))
    return [(str(WEEKDAYS[weekday]), times) for weekday, times in days.items()]


def opening_hours(language):
    """What the providers of ``OPENING_HOURS`` know, a weekday's ranges together, its name in ``language``."""
    with translation.override(language):
        return [
            {"label": hours.label, "days": _by_weekday(hours.ranges), "closures": hours.closures}
            for provide in hooks.get_hooks(OPENING_HOURS)
            for hours in provide(language)
        ]


class OpeningHoursBlock(blocks.StructBlock):
    """The opening hours from the booking calendars when an app provides them; the text here otherwise."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("text"),
        features=TEXT_FEATURES,
        help_text=_("Shown when no app provides the opening hours (the scheduling plugin does when installed)."),
    )

    class Meta:
        icon = "time"
        template = "pages/blocks/opening_hours.html"
        label = _("Opening hours")
        description = _("The office hours, from the appointment calendars or as text.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["hours"] = opening_hours(translation.get_language())
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False, help_text=_("Empty: the document's."))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        template = "pages/blocks/document.html"
        label = _("Document download")
        description = _("A leaflet or form to download, with its format and size.")


class ContentBlocks(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(
        label=_("Text"), features=["h3", *TEXT_FEATURES], icon="pilcrow", template="pages/blocks/text.html"
    )
    steps = StepsBlock()
    checklist = ChecklistBlock()
    faq = FaqBlock()
    contact = ContactBlock()
    opening_hours = OpeningHoursBlock()
    document = DocumentBlock()
