"""The field-type registry: every type round-trips, the schema knows every type, a new type is one class."""

import datetime
import json
import random
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils import translation

from questionnaires.display import display_value
from questionnaires.entries import with_entry_ids
from questionnaires.field_types import FieldType, FormFieldBuilder, UnknownFieldType, field_type_choices, registry
from questionnaires.forms import QuestionnaireForm, post_data
from questionnaires.validation import check_sections

PERSON = SimpleNamespace(
    nationality="RO",
    language="ro",
    first_names="Ana Maria",
    surname="Țurcanu",
    today=datetime.date(2026, 5, 4),
    address={"street": "Marktstraße", "number": "12", "floor": "", "postcode": "06667", "town": "Weißenfels"},
)
OPTIONS = [
    {"value": "worker", "label": {"de": "Arbeitnehmer", "en": "Worker"}},
    {"value": "job_seeker", "label": {"de": "Arbeitsuchend", "en": "Job seeker"}},
]


def item_of(field_type, key=None):
    item = {"key": key or f"q_{field_type.name}", "type": field_type.name, "label": {"de": "Frage", "en": "Question"}}
    if field_type.has_options:
        item["options"] = OPTIONS
    if field_type.repeatable:
        item["fields"] = [item_of(sub, f"sub_{sub.name}") for sub in registry if not sub.repeatable]
    return item


def definition_of(item):
    return {"slug": "probe", "title": {"de": "Probe"}, "sections": [{"key": "only", "title": {}, "items": [item]}]}


class BrowserPost(HTMLParser):
    """What a browser posts for a rendered form: inputs' values, checked boxes, selected options, textareas."""

    def __init__(self):
        super().__init__()
        self.data = QueryDict(mutable=True)
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") not in ("radio", "checkbox") or "checked" in attrs:
                self.data.appendlist(name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select":
            self.select = {"name": name, "multiple": "multiple" in attrs, "selected": [], "first": None}
        elif tag == "option" and self.select is not None:
            if self.select["first"] is None:
                self.select["first"] = attrs.get("value", "")
            if "selected" in attrs:
                self.select["selected"].append(attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            chosen = self.select["selected"] or ([] if self.select["multiple"] else [self.select["first"]])
            for value in chosen:
                self.data.appendlist(self.select["name"], value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that follows the opening tag.
            self.data.appendlist(self.textarea["name"], self.textarea["text"].removeprefix("\n"))
            self.textarea = None


def browser_post(html):
    parser = BrowserPost()
    parser.feed(html)
    return parser.data


def round_trip(item, value):
    """Posted → cleaned → stored JSON → display → initial of a new form → posted again → the same JSON."""
    definition = definition_of(item)
    stored = with_entry_ids({item["key"]: value})
    form = QuestionnaireForm(definition, data=post_data(definition, stored), language="en")
    assert form.is_valid(), (form.errors, [f.errors for formset in form.formsets.values() for f in formset])
    assert json.loads(json.dumps(form.answers())) == stored
    assert display_value(item, value, "en") != ""
    html = QuestionnaireForm(definition, answers=stored, language="en").render()
    again = QuestionnaireForm(definition, data=browser_post(html), language="en")
    assert again.is_valid(), (again.errors, [f.errors for formset in again.formsets.values() for f in formset])
    assert again.answers() == stored


@pytest.mark.parametrize("field_type", list(registry), ids=lambda field_type: field_type.name)
def test_every_type_round_trips_from_form_to_stored_json_and_back(field_type):
    item = item_of(field_type)
    value = field_type.demo_value(item, random.Random(3), PERSON)
    round_trip(item, value)


def test_the_schema_knows_exactly_the_registered_types():
    schema = json.loads((Path(settings.BASE_DIR) / "form_definitions" / "schema.json").read_text())
    assert set(schema["$defs"]["field_type"]["enum"]) == {field_type.name for field_type in registry}


def test_an_unknown_type_is_refused_with_every_valid_type():
    with pytest.raises(UnknownFieldType) as error:
        registry.get("slider")
    assert str(error.value) == "Unknown field type 'slider'; valid types: " + ", ".join(t.name for t in registry)

    with pytest.raises(ValueError) as error:
        FormFieldBuilder("de").build({"key": "mood", "type": "slider"})
    buildable = [field_type.name for field_type in registry if not field_type.repeatable]
    assert str(error.value) == f"Unknown field type 'slider' for 'mood'; valid types: {', '.join(buildable)}"
    assert "group" not in buildable


class Rating(FieldType):
    """A test-only type: one to five stars."""

    name = "rating"
    label = "Rating"
    number_rules = True

    def form_field(self, item, builder, **options):
        return forms.IntegerField(min_value=item.get("min") or 1, max_value=item.get("max") or 5, **options)

    def display(self, item, value, language):
        return "★" * value

    def demo_value(self, item, rng, person):
        return rng.randint(1, 5)


@pytest.fixture
def rating():
    registry.register(Rating)
    yield registry.get("rating")
    registry.unregister("rating")


def test_a_new_type_is_one_class(rating):
    item = item_of(rating)
    round_trip(item, 4)
    assert ("rating", "Rating") in field_type_choices()
    assert display_value(item, 4) == "★★★★"

    group = item_of(registry.get("group"))
    group["fields"].append(item_of(rating, "stars"))
    round_trip(group, [{"sub_text": "Demo", "stars": 2}])

    asked = [
        {"field": "stars", "max": 3},
        {"field": "note", "condition": {"field": "stars", "op": "equals", "value": "3"}},
    ]
    facts = {"stars": {"type": "rating", "options": []}, "note": {"type": "text", "options": []}}
    with translation.override("en"):
        errors = [message for _path, message in check_sections([{"key": "s", "title": {}, "items": asked}], facts)]
    assert errors == ["For this field type only “is answered” is possible."]


def test_a_temporary_type_is_gone_afterwards():
    assert "rating" not in registry
    assert "rating" not in dict(field_type_choices())
