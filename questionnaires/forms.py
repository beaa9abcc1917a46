"""The questionnaire as a Django form: built from a compiled definition, validated, turned into answers.

The server decides what is visible: an answer to a hidden field is ignored and
a hidden required field is not required. The browser script only mirrors this.
"""

import copy
import functools

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from .conditions import EMPTY, browser_condition, holds, visible_keys
from .display import display_value
from .entries import ENTRY_ID, NEW, new_row_id, stored_entry_id, stored_id, well_formed
from .field_types import FieldType, FormFieldBuilder, registry
from .form_fields import DateRuleField
from .progress import STATE_LABELS, section_states
from .vocabulary import content_language_codes

MAX_GROUP_ENTRIES = 30  # the most entries any group may hold (its ``max_items`` at most)


class _TypedButInvalid:
    def __repr__(self):
        return "<typed but invalid>"


TYPED_BUT_INVALID = _TypedButInvalid()


def _typed(raw):
    if isinstance(raw, list | tuple):
        return any(_typed(part) for part in raw)
    return isinstance(raw, str) and raw.strip() != ""


def keep_stored_dates(fields, initial):
    for key, field in fields.items():
        if isinstance(field, DateRuleField):
            field.stored = initial.get(key)


def keeps_stored(form, key, stored):
    """An invalid input (typed, not just missing) leaves the stored answer in place: a draft keeps it."""
    return key in form.errors and _typed(form[key].data) and stored.get(key) not in EMPTY


def kept_note(item, stored, language):
    """Said on such a field: the answer on file is not lost."""
    shown = registry.get(item["type"]).display(item, stored, language)
    return _("This input was not saved; the answer on file stays: %s") % shown


def clean_fields_once(form):
    """``form._clean_fields`` that cleans each field at most once per ``required`` flag.

    ``form._outcomes`` holds, per field, ``{required: cleaned value or ValidationError}`` of the
    cleanings so far of this data; a twin of the form on the same data (``as_draft``) starts from
    them, so it cleans again only a field whose ``required`` it has and no cleaning had. (Django
    would also call ``clean_<key>`` methods; these forms have none.)
    """
    for name, field in form.fields.items():
        outcomes = form._outcomes.setdefault(name, {})
        if field.required not in outcomes or field.disabled:
            try:
                outcomes[field.required] = field._clean_bound_field(form[name])
            except ValidationError as error:
                outcomes[field.required] = error
        outcome = outcomes[field.required]
        if isinstance(outcome, ValidationError):
            form.add_error(name, outcome)
        else:
            form.cleaned_data[name] = outcome


def copied_outcomes(outcomes):
    return {name: dict(by_required) for name, by_required in outcomes.items()}


class GroupEntryForm(forms.Form):
    def __init__(self, *args, items, builder, twin_of=None, **kwargs):
        """``twin_of``: this entry's form of the same data in another mode; its fields and cleanings are reused."""
        super().__init__(*args, **kwargs)
        self.items = items
        self.language = builder.language
        if twin_of is None:
            for item in items:
                self.fields[item["key"]] = builder.build(item)
            self.fields[ENTRY_ID] = forms.CharField(widget=forms.HiddenInput, required=False)
            self._outcomes = {}
        else:
            # Copies: only ``required`` differs, and the formset sets it on each.
            for item in items:
                self.fields[item["key"]] = copy.copy(twin_of.fields[item["key"]])
            self.fields[ENTRY_ID] = copy.copy(twin_of.fields[ENTRY_ID])
            self._outcomes = copied_outcomes(twin_of._outcomes)
        keep_stored_dates(self.fields, self.initial)
        # The stored entry this form edits (matched by entry id), None for a new one; set by the formset.
        self.stored = None
        self.entry_id = None

    def _clean_fields(self):
        clean_fields_once(self)

    def keep_stored(self, key):
        return self.stored is not None and keeps_stored(self, key, self.stored)

    def has_changed(self):
        """The hidden entry id is no answer: a new row that carries only its id is still empty."""
        return any(name != ENTRY_ID for name in self.changed_data)


class BaseGroupFormSet(forms.BaseFormSet):
    def __init__(
        self,
        *args,
        hidden_keys=(),
        required_keys=(),
        draft=False,
        label="",
        matched=(),
        stored=(),
        twin_of=None,
        **kwargs,
    ):
        self.twin_of = twin_of  # the same group's formset of the same data in another mode (``as_draft``)
        self.hidden_keys = set(hidden_keys)
        self.required_keys = set(required_keys)
        self.draft = draft
        self.label = label
        self.matched = list(matched)  # (entry id, stored entry or None) per form, in order
        self.stored = list(stored)  # (entry id, entry) of every stored entry
        super().__init__(*args, error_messages=self.entry_count_messages(label), **kwargs)

    def entry_count_messages(self, label):
        """The group's own words for too few or too many entries, instead of Django's "Bitte … Formular(e) …"."""
        too_few = ngettext(
            "Please enter at least %(num)d entry for “%(group)s”.",
            "Please enter at least %(num)d entries for “%(group)s”.",
            self.min_num,
        ) % {"num": self.min_num, "group": label}
        too_many = ngettext(
            "Please enter at most %(num)d entry for “%(group)s”.",
            "Please enter at most %(num)d entries for “%(group)s”.",
            self.max_num,
        ) % {"num": self.max_num, "group": label}
        # Django formats these once more with ``% {"num": …}``: nothing in them may read as a placeholder.
        return {"too_few_forms": too_few.replace("%", "%%"), "too_many_forms": too_many.replace("%", "%%")}

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.twin_of is not None and index is not None and index < len(self.twin_of.forms):
            kwargs["twin_of"] = self.twin_of.forms[index]
        return kwargs

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i < len(self.matched):
            form.entry_id, form.stored = self.matched[i]
        if form.stored is not None:
            # A stored entry is never an "empty extra row" to skip, whatever the page's management form says.
            form.empty_permitted = False
        elif not self.is_bound:
            form.initial = {**form.initial, ENTRY_ID: new_row_id()}
        for key in self.required_keys:
            form.fields[key].required = True
        for key, field in form.fields.items():
            if key in self.hidden_keys or self.draft:
                field.required = False
        return form

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for form in self.forms:
            for item in form.items:
                if form.keep_stored(item["key"]):
                    form.errors[item["key"]].append(kept_note(item, form.stored[item["key"]], form.language))
        if not self.entries_refused() and self.entry_count() > self.max_num:
            # Entries stored meanwhile and not on the page are kept: they count against the limit too.
            self._non_form_errors.append(
                ValidationError(self.error_messages["too_many_forms"] % {"num": self.max_num}, code="too_many_forms")
            )
        if self.entries_refused():
            # All of them stay on the page, none is stored, the stored ones stay.
            self._non_form_errors.append(
                _("These entries were not saved; the %d entries on file stay.") % len(self.stored)
                if self.stored
                else _("These entries were not saved.")
            )

    def as_draft(self, data):
        """This formset as a draft on ``data`` (its form's twin's): the same rows, their fields and cleanings reused."""
        return group_formset_class(self.min_num, self.max_num, False)(
            data=data if self.is_bound else None,
            initial=self.initial,
            prefix=self.prefix,
            form_kwargs=self.form_kwargs,
            hidden_keys=self.hidden_keys,
            required_keys=self.required_keys,
            draft=True,
            label=self.label,
            matched=self.matched,
            stored=self.stored,
            twin_of=self,
        )

    def entry_count(self):
        """How many entries a save would store: those kept on the page plus stored ones the page never showed."""
        on_page = {form.entry_id for form in self.forms if form.stored is not None}
        kept = sum(
            1
            for form in self.forms
            if not getattr(form, "cleaned_data", {}).get("DELETE") and (form.stored is not None or form.has_changed())
        )
        return kept + sum(1 for entry_id, _entry in self.stored if entry_id not in on_page)

    def entries_refused(self):
        """Too many entries (or a broken post), in a draft too; too few only keeps the interview open."""
        return any(error.code != "too_few_forms" for error in self.non_form_errors().as_data())

    def answers(self):
        """The entries to store, each with its id; call after validation."""
        if self.entries_refused():
            return [{ENTRY_ID: entry_id, **entry} for entry_id, entry in self.stored]
        entries, on_page = [], set()
        for form in self.forms:
            if form.stored is not None:
                on_page.add(form.entry_id)
            cleaned = getattr(form, "cleaned_data", {})
            # An untouched stored entry stays; an untouched new row is just empty.
            if (form.stored is None and not form.has_changed()) or cleaned.get("DELETE"):
                continue
            entry = {}
            for sub in form.items:
                key = sub["key"]
                if key in self.hidden_keys:
                    continue
                value = (
                    form.stored[key] if form.keep_stored(key) else registry.get(sub["type"]).to_json(cleaned.get(key))
                )
                if value is not None:
                    entry[key] = value
            if entry:
                entries.append({ENTRY_ID: form.entry_id, **entry})
        # Entries stored after the page was opened are not on it; a page that never showed them keeps them.
        entries += [{ENTRY_ID: entry_id, **entry} for entry_id, entry in self.stored if entry_id not in on_page]
        return entries


@functools.cache
def group_formset_class(min_num, max_num, validate_min):
    """The formset class of a group with these limits: made once, not for every form.

    Django's absolute maximum (max_num + 1000) only guards memory: every entry posted comes back
    on the page, and more than max_num is refused with a message, in a draft too.
    """
    return forms.formset_factory(
        GroupEntryForm,
        formset=BaseGroupFormSet,
        extra=1,
        min_num=min_num,
        max_num=max_num,
        validate_min=validate_min,
        validate_max=True,
        can_delete=True,
    )


class QuestionnaireForm(forms.Form):
    """Fields of every top-level question plus one formset per repeatable group."""

    template_name = "questionnaires/questionnaire_form.html"

    def __init__(self, definition, data=None, answers=None, language="de", prefix=None, draft=False, read_along=None):
        # A copy: new entries get their ids written into the data, so the page shows what is stored.
        super().__init__(data=None if data is None else copy.copy(data), prefix=prefix)
        self.definition = definition
        self.draft = draft
        self.stored = answers or {}
        self.language = language
        # Only a content language can have catalogue texts; German read along with German is nothing.
        self.read_along = read_along if read_along in content_language_codes() and read_along != language else None
        self.builder = FormFieldBuilder(language, read_along=self.read_along)
        self.items = {}
        self.formsets = {}
        answers = answers or {}
        for section in definition.get("sections", []):
            for item in section["items"]:
                key = item["key"]
                self.items[key] = item
                if item["type"] != "group":
                    self.fields[key] = self.builder.build(item)
                    self.initial[key] = registry.get(item["type"]).from_json(answers.get(key))
        keep_stored_dates(self.fields, self.initial)
        self._outcomes = {}  # key → {required: cleaned value or ValidationError}: see clean_fields_once
        self.current = self._current_answers(answers)
        self.visible = visible_keys(self.definition, self.current)
        self.visible_answers = {key: value for key, value in self.current.items() if key in self.visible}
        for section in definition.get("sections", []):
            for item in section["items"]:
                if item["type"] == "group":
                    self.formsets[item["key"]] = self._group_formset(item, answers.get(item["key"]) or [])
        if self.is_bound:
            self._set_required()

    def _set_required(self):
        for key, field in self.fields.items():
            if key not in self.visible or self.draft:
                field.required = False
            elif self.items[key].get("required_if") and holds(self.items[key]["required_if"], self.visible_answers):
                field.required = True

    def as_draft(self):
        """This bound form as a draft (``draft=True``) of the same data, without building it again.

        What a new ``QuestionnaireForm(definition, data=form.data, answers=…, draft=True)`` would be,
        answers, errors and notes alike: e.g. to save what is valid of a "complete" post that is
        not. The fields are reused (copied where ``required`` differs); so are the visibility, the
        entry ids written into the data (the same rows, so a page posted twice stores one) and every
        cleaning done so far: a field is cleaned again only if its ``required`` differs in a draft.
        Call it after ``is_valid()`` for that reuse to cover the groups' entries too.
        """
        twin = type(self).__new__(type(self))
        forms.Form.__init__(twin, data=copy.copy(self.data) if self.is_bound else None, prefix=self.prefix)
        twin.definition, twin.stored, twin.language = self.definition, self.stored, self.language
        twin.read_along, twin.builder, twin.items = self.read_along, self.builder, self.items
        twin.draft = True
        twin.initial = dict(self.initial)
        twin.fields = {key: field if not field.required else copy.copy(field) for key, field in self.fields.items()}
        twin._outcomes = copied_outcomes(self._outcomes)
        twin.current, twin.visible, twin.visible_answers = self.current, self.visible, self.visible_answers
        twin.formsets = {key: formset.as_draft(twin.data) for key, formset in self.formsets.items()}
        if twin.is_bound:
            twin._set_required()
        return twin

    # -- what the person answered, before validation -------------------------------
    def _current_answers(self, stored):
        if not self.is_bound:
            return dict(stored)
        current = {}
        for key, field in self.fields.items():
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(key))
            try:
                cleaned = field.clean(raw)
            except ValidationError as error:
                self._outcomes[key] = {field.required: error}
                # Typed but not valid (yet): "is answered" holds, as in the browser; no value equals it.
                current[key] = TYPED_BUT_INVALID if _typed(raw) else None
            else:
                self._outcomes[key] = {field.required: cleaned}
                current[key] = registry.get(self.items[key]["type"]).to_json(cleaned)
        return current

    def _group_formset(self, item, entries):
        subitems = item.get("fields", [])
        formset_class = group_formset_class(
            item.get("min_items") or 0,
            min(item.get("max_items") or MAX_GROUP_ENTRIES, MAX_GROUP_ENTRIES),
            not self.draft,
        )
        prefix = self.add_prefix(item["key"])
        stored = [(stored_entry_id(entry, index), entry) for index, entry in enumerate(entries)]
        matched = self._posted_entries(prefix, stored, formset_class.absolute_max) if self.is_bound else stored
        answers = self.visible_answers
        hidden = [sub["key"] for sub in subitems if not holds(sub.get("condition"), answers)]
        required = [
            sub["key"]
            for sub in subitems
            if sub["key"] not in hidden and sub.get("required_if") and holds(sub["required_if"], answers)
        ]
        initial = [
            {
                ENTRY_ID: entry_id,
                **{sub["key"]: registry.get(sub["type"]).from_json((entry or {}).get(sub["key"])) for sub in subitems},
            }
            for entry_id, entry in matched
        ]
        return formset_class(
            data=self.data if self.is_bound else None,
            initial=initial,
            prefix=prefix,
            form_kwargs={"items": subitems, "builder": self.builder},
            hidden_keys=hidden,
            required_keys=required,
            draft=self.draft,
            label=self.text(item.get("label")),
            matched=matched,
            stored=stored,
        )

    def _posted_entries(self, prefix, stored, limit):
        """``(entry id, stored entry or None)`` per posted entry: matched by the id the page posted.

        A page from before entry ids posts none for the entries it showed: those
        are matched by position. A new row posts the id it was shown with (``new_row_id``),
        so the same page posted twice matches the entry its first post stored; a row
        without a usable id gets one, written into the data.
        """
        try:
            total = min(int(self.data.get(f"{prefix}-TOTAL_FORMS", 0)), limit)
            shown = int(self.data.get(f"{prefix}-INITIAL_FORMS", 0))
        except (TypeError, ValueError):
            total = shown = 0
        by_id = dict(stored)
        matched, seen = [], set()
        for index in range(total):
            name = f"{prefix}-{index}-{ENTRY_ID}"
            entry_id = self.data.get(name)
            if not entry_id and index < min(shown, len(stored)):
                entry_id = stored[index][0]
            if not well_formed(entry_id) or stored_id(entry_id) in seen or not stored_id(entry_id):
                entry_id = new_row_id()
            if self.data.get(name) != entry_id:
                self.data[name] = entry_id
            seen.add(stored_id(entry_id))
            matched.append((stored_id(entry_id), by_id.get(stored_id(entry_id))))
        return matched

    # -- validation -------------------------------------------------------------------
    def _clean_fields(self):
        """Each field as ``_current_answers`` cleaned it to decide what is visible, not cleaned again.

        Only a field whose ``required`` changed since (hidden, a draft, ``required_if``) is cleaned
        again. The data is the same: posted values of questions are not changed in between.
        """
        clean_fields_once(self)

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for key in list(self._errors):
            if key in self.fields and key not in self.visible:
                del self._errors[key]
        for key in list(self.cleaned_data):
            if key not in self.visible:
                del self.cleaned_data[key]
        for key in list(self._errors):
            if self._keep_stored(key):
                self._errors[key].append(kept_note(self.items[key], self.stored[key], self.language))

    def _keep_stored(self, key):
        return key in self.fields and keeps_stored(self, key, self.stored)

    def is_valid(self):
        # Every visible group, also after an invalid one: the page shows all their errors anyway.
        groups_valid = all([formset.is_valid() for key, formset in self.formsets.items() if key in self.visible])
        return super().is_valid() and groups_valid

    def answers(self):
        """The visible, valid answers as JSON, keyed by catalogue key; call after ``is_valid()``.

        For a draft that is not valid, this is what can be kept: the valid answers, and the stored
        answer of every field whose new input is invalid.
        """
        result = {}
        for key, value in getattr(self, "cleaned_data", {}).items():
            value = registry.get(self.items[key]["type"]).to_json(value)
            if value is not None:
                result[key] = value
        for key in self.fields:
            if key in self.visible and self._keep_stored(key):
                result[key] = self.stored[key]
        for key, formset in self.formsets.items():
            if key not in self.visible:
                continue
            entries = formset.answers()
            if entries:
                result[key] = entries
        return result

    def with_changes_on_file(self, stale):
        """The posted data again, but each question changed meanwhile as it is on file now (after ``StaleAnswers``).

        The page cannot tell which of its values the clerk typed and which it only showed:
        saving it again must not put back what a colleague changed. So those questions show
        the colleague's answer, and the clerk's own input for them stays visible in the note
        (``show_changed_meanwhile``). A group changed meanwhile shows its entries on file,
        followed by the rows this page added.
        """
        data = self.data.copy()
        now = stale.answer_set.data
        for key in stale.changed:
            item = self.items.get(key)
            if item is None:
                continue
            name = self.add_prefix(key)
            if item["type"] == "group":
                self._group_on_file(data, self.formsets[key], name, item, now.get(key) or [])
                continue
            kind = registry.get(item["type"])
            for posted_name in kind.posted(name, item, None):
                data.pop(posted_name, None)
            for posted_name, value in kind.posted(name, item, now.get(key)).items():
                data.setlist(posted_name, value if isinstance(value, list) else [value])
        return data

    def _group_on_file(self, data, formset, name, item, entries):
        added = [
            index
            for index, form in enumerate(formset.forms)
            if form.stored is None
            and form.has_changed()
            and str(self.data.get(f"{name}-{index}-{ENTRY_ID}", "")).startswith(NEW)
        ]
        rows = {posted: list(self.data.getlist(posted)) for posted in self.data if posted.startswith(f"{name}-")}
        for posted in rows:
            data.pop(posted, None)
        for posted, value in registry.get("group").posted(name, item, entries).items():
            data.setlist(posted, value if isinstance(value, list) else [value])
        for offset, index in enumerate(added):
            for posted, value in rows.items():
                head = f"{name}-{index}-"
                if posted.startswith(head):
                    data.setlist(f"{name}-{len(entries) + offset}-{posted[len(head) :]}", value)
        data[f"{name}-TOTAL_FORMS"] = str(len(entries) + len(added))
        data[f"{name}-INITIAL_FORMS"] = str(len(entries))

    def show_changed_meanwhile(self, stale, typed):
        """After ``StaleAnswers``: each question changed meanwhile says that it shows what is on file now,
        and what the clerk had typed there (``typed``, the refused form), to take over by hand if wanted."""
        for key in sorted(stale.changed):
            if key not in self.items:
                continue
            item = self.items[key]
            if key in typed.formsets:
                # Only the rows the page posted: ``answers()`` adds the entries it never showed.
                posted = {form.entry_id for form in typed.formsets[key].forms}
                mine = [entry for entry in typed.formsets[key].answers() if entry[ENTRY_ID] in posted]
                shown = display_value(item, mine, self.language)
            elif typed.current.get(key) is TYPED_BUT_INVALID:
                raw = typed[key].value()  # as typed: no valid answer to put into words
                shown = ", ".join(str(part) for part in raw if part) if isinstance(raw, list) else str(raw)
            else:
                shown = display_value(item, typed.current.get(key), self.language)
            note = _("Changed meanwhile; shown as now on file. Your input was: %s") % (shown or _("no answer"))
            if key in self.formsets:
                self.formsets[key].non_form_errors().append(note)
            else:
                self.add_error(key, note)

    # -- rendering ------------------------------------------------------------------
    def text(self, texts):
        return self.builder.text(texts)

    def sections(self):
        for section in self.definition.get("sections", []):
            rows = []
            for item in section["items"]:
                row = {
                    "key": item["key"],
                    "label": self.text(item.get("label")),
                    "help_text": self.text(item.get("help_text")),
                    "condition": self._browser_condition(item.get("condition")),
                    "hidden": item["key"] not in self.visible,
                    "required": bool(item.get("required")),
                    "read_along": self.builder.read_along_text(item.get("label")),
                    "read_along_help": self.builder.read_along_text(item.get("help_text")),
                }
                if item["type"] == "group":
                    formset = self.formsets[item["key"]]
                    row.update(formset=formset, hidden_subfields=formset.hidden_keys)
                else:
                    row["field"] = self[item["key"]]
                rows.append(row)
            yield {
                "key": section["key"],
                "title": self.text(section.get("title")),
                "read_along_title": self.builder.read_along_text(section.get("title")),
                "condition": self._browser_condition(section.get("condition")),
                "hidden": f"section:{section['key']}" not in self.visible,
                "rows": rows,
            }

    def section_index(self):
        """Each section's key, title, visibility and state (see ``progress``), from what the form holds now."""
        answers = dict(self.current)
        for key, formset in self.formsets.items():
            answers[key] = [entry for entry in map(self._typed_entry, formset.forms) if entry is not None]
        states = section_states(self.definition, answers)
        return [
            {
                "key": section["key"],
                "title": self.text(section.get("title")),
                "hidden": section["key"] not in states,
                "state": states.get(section["key"], ""),
                "state_label": STATE_LABELS.get(states.get(section["key"]), ""),
            }
            for section in self.definition.get("sections", [])
        ]

    def _typed_entry(self, form):
        """A group entry's answered questions (typed or stored; only set or not matters), None if empty or removed."""
        if form.is_bound and form["DELETE"].data:
            return None
        entry = {
            sub["key"]: TYPED_BUT_INVALID
            for sub in form.items
            if (_typed(form[sub["key"]].value()) if form.is_bound else form.initial.get(sub["key"]) not in EMPTY)
        }
        return entry or None

    def _browser_condition(self, condition):
        """A field this form does not ask posts nothing, so any type's values do for it."""
        item = self.items.get(condition["field"]) if condition else None
        return browser_condition(condition, registry.get(item["type"]) if item else FieldType())

    @property
    def read_along_name(self):
        """The read-along language's name in the active language (e.g. „Rumänisch“)."""
        return get_language_info(self.read_along)["name_translated"] if self.read_along else ""

    @property
    def title(self):
        return self.text(self.definition.get("title"))


def post_data(definition, answers):
    """What a browser posts for ``answers`` (the inverse of ``answers()``), to drive the form from scripts."""
    data = {}
    for section in definition["sections"]:
        for item in section["items"]:
            data.update(registry.get(item["type"]).posted(item["key"], item, answers.get(item["key"])))
    return data
