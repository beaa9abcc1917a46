"""The clerk's case list: its filters, its search and its columns, each served by an index at 100 k cases and more.

A search is split by what each word is: a date of birth is looked up in the ``birth_date`` index,
certificate numbers and verification codes in the certificates' unique indexes (one query
beforehand); any other word, a reference too, is a contains-match on the reference and the folded
names (``search_text``), which a trigram index serves (``search_index``). Matches of the
words are added up (any word may match), as before the indexes.
"""

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic

from core import audit
from core.permissions import PermissionRequiredMixin
from core.staff import StaffChoiceFilter, staff_name
from core.text import fold, without_hidden

from . import search_index
from .models import Case, CaseStatus, ReleaseCertificate
from .release import normalise_code

MAX_SEARCH_WORDS = 10
MAX_SEARCH_LENGTH = 500
# Above this many matches the list says "more than" instead of counting them all.
COUNT_CAP = 1000
MAX_PAGE = 10**6  # far beyond any list: a higher page number is read as this one
# The personal data the list shows, for its audit entry (field names of Case).
LIST_SHOWS = ["reference", "surname", "first_names", "birth_date", "nationality", "status", "assigned_clerk"]


def parse_date(text):
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def clerks_with_cases(request):
    """The clerk filter's choices: staff with at least one case, each asked through the clerk index."""
    cases = Case.objects.filter(assigned_clerk=OuterRef("pk"))
    return get_user_model().objects.filter(Exists(cases)).order_by("last_name", "first_name", "username")


class CaseFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("status"), choices=CaseStatus.choices)
    created_at = django_filters.DateFromToRangeFilter(label=gettext_lazy("created"), widget=DateRangePickerWidget)
    nationality = django_filters.ChoiceFilter(label=gettext_lazy("nationality"), choices=lambda: list(countries))
    assigned_clerk = StaffChoiceFilter(label=gettext_lazy("clerk"), queryset=clerks_with_cases)

    class Meta:
        model = Case
        fields = ["status", "created_at", "nationality", "assigned_clerk"]


class CaseSearchForm(SearchForm):
    """Hidden characters in a search are dropped with the accents (``fold``), not refused: a search stores nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].validators = []


class CappedPaginator(WagtailPaginator):
    """Counts the matches up to ``COUNT_CAP``, or as far as the page asked for, not all of them.

    ``count`` is one more than ``limit`` if there are more (``exact`` is false then): so the
    page after the last one counted exists, "next" leads on, and every page can be reached.
    """

    def __init__(self, object_list, per_page, *, page_number=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        try:
            page = max(1, int(page_number))
        except (TypeError, ValueError):
            page = 1
        # A page number beyond any list must not become a LIMIT the database cannot hold.
        page = min(page, MAX_PAGE)
        self.limit = max(COUNT_CAP, page * self.per_page)

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.limit + 1].count()

    @property
    def exact(self):
        return self.count <= self.limit

    @property
    def pages_counted(self):
        return self.limit // self.per_page

    @cached_property
    def items_count_label(self):
        if self.exact:
            return super().items_count_label
        return _("more than %(count)s %(items)s") % {"count": intcomma(self.limit), "items": self.verbose_name_plural}


class CaseIndexView(PermissionRequiredMixin, generic.IndexView):
    """Search by name (accents and case ignored), reference, date of birth (typed as 01.02.1990),
    certificate number or verification code (as printed)."""

    required_permission = "intake.view_case"
    results_template_name = "intake/case_index_results.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # The list offers no export: ``?export=`` must not turn it into one unpaginated page.
        self.is_export = False

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assigned_clerk")

    def get_paginator(self, queryset, per_page, **kwargs):
        return CappedPaginator(queryset, per_page, page_number=self.request.GET.get(self.page_kwarg), **kwargs)

    def get_search_form(self):
        if not self.is_searchable:
            return None
        return CaseSearchForm(self.request.GET if self.search_kwarg in self.request.GET else None)

    @cached_property
    def search_words(self):
        """The words searched for: a few, and not too long (SQLite refuses conditions and patterns beyond a size)."""
        return without_hidden(self.search_query)[:MAX_SEARCH_LENGTH].split()[:MAX_SEARCH_WORDS]

    @property
    def search_cut(self):
        return self.search_words != without_hidden(self.search_query).split()

    def get_context_data(self, **kwargs):
        """One audit entry for the page (also the search-as-you-type results): the cases shown, not the search."""
        context = super().get_context_data(**kwargs)
        shown = [case.reference for case in context["object_list"]]
        if shown:
            audit.record(
                "case.list",
                Case,
                self.request.user,
                cases=shown,
                fields=LIST_SHOWS,
                searched=self.is_searching,
                filtered=bool(self.is_filtering),
            )
        if self.is_searching and self.search_cut:
            context["search_cut"] = _(
                "Only the first %(words)d words (at most %(length)d characters) of the search were used."
            ) % {"words": MAX_SEARCH_WORDS, "length": MAX_SEARCH_LENGTH}
        return context

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        condition = search_condition(self.search_words)
        return queryset.filter(condition) if condition else queryset.none()

    def get_edit_url(self, instance):
        return reverse("intake_case:detail", args=[instance.pk])


def certified_cases(words):
    """The cases holding a certificate of a number or verification code in ``words`` (codes may be typed
    in groups with spaces between them, as printed with hyphens)."""
    codes = {normalise_code(text) for text in [*words, "".join(words)]} - {""}
    numbers = [word.upper() for word in words]
    certificates = ReleaseCertificate.objects.filter(Q(number__in=numbers) | Q(verification_code__in=codes))
    return list(certificates.values_list("case_id", flat=True).distinct())


def search_condition(words):
    """The cases any of ``words`` finds, each word through the one index that can hold it.

    A date of birth is contained in no name and in no reference, so it skips the contains-match.
    A reference, even a whole one, goes to the trigram index: from the 100 000th case of a year
    ``CS-2025-10000`` is part of ``CS-2025-100000``, and the contains-match finds both.
    """
    condition = Q()
    if words and (cases := certified_cases(words)):
        condition |= Q(pk__in=cases)
    days, texts = set(), []
    for word in words:
        if day := parse_date(word):
            days.add(day)
        elif folded := fold(word):
            texts.append(folded)
    if days:
        condition |= Q(birth_date__in=sorted(days))
    if texts:
        condition |= search_index.contains(texts)
    return condition


def list_columns():
    """The list's columns. Nationality shows the country's name in the clerk's language and is not
    sortable: sorting by that name needs every case's name worked out per language (no index can
    hold it), and sorting by the ISO code, as before, put the names shown out of order."""
    return [
        TitleColumn(
            "reference", label=_("reference"), get_url=lambda case: reverse("intake_case:detail", args=[case.pk])
        ),
        Column("surname", label=_("surname")),
        Column("first_names", label=_("first names")),
        Column(
            "birth_date",
            label=_("date of birth"),
            accessor=lambda case: date_format(case.birth_date, "SHORT_DATE_FORMAT"),
            sort_key="birth_date",
        ),
        Column("nationality_name", label=_("nationality")),
        Column("get_status_display", label=_("status"), sort_key="status"),
        Column("assigned_clerk", label=_("clerk"), accessor=lambda case: staff_name(case.assigned_clerk)),
        DateColumn("created_at", label=_("created")),
    ]
