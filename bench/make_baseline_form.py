"""Writes ``bench/baseline_form.py``: the ``erstgespraech`` questionnaire as a hand-written Django form.

Run once, from the project directory, and commit the result:

    .venv/bin/python bench/make_baseline_form.py

The engine bench (``bench/engine.py``) compares the engine with a plain Django form that has the
same fields and widgets. Written by hand, such a form would drift from the questionnaire; generated
on every bench run, it would not be the code a person writes. So it is generated once from the same
compiled definition the engine builds from (the shipped ``form_definitions/``, published by
``bootstrap`` on a throw-away SQLite file) and committed as readable code: one field per question
with its German label, its options written out, the widgets the engine picks, the platform's own
field classes where the engine uses them (``TextField``, ``AddressField``, ``DateRuleField``, …),
one formset per repeatable group. Choice lists are built once, when the module is imported, as a
hand-written form has them. What it leaves out is what the engine adds: conditions (a question
required only when visible is optional here), other languages, read-along, entry ids, drafts.
"""

import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
TARGET = BASE_DIR / "bench" / "baseline_form.py"

HEADER = '''"""The ``erstgespraech`` questionnaire as a hand-written Django form: the baseline of ``bench/engine.py``.

Generated once by ``bench/make_baseline_form.py`` from the shipped definition (see its docstring);
regenerate rather than edit. Conditions are left out: a question the engine requires only when
it is shown is optional here.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.text import EmailField, TextField
from questionnaires.form_fields import PHONE, AddressField, DateRuleField, FiniteFloatField
from questionnaires.patterns import PatternValidator

EU_EEA_CH = set("{eu}".split())
COUNTRY_CHOICES = [
    (_("EU, EEA, Switzerland"), [c for c in countries if c.code in EU_EEA_CH]),
    (_("Other states"), [c for c in countries if c.code not in EU_EEA_CH]),
]
LANGUAGE_CHOICES = [
{languages}
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes(value):
    return value == "yes"
'''


def literal(text):
    return repr(text or "")


def options(item):
    return [(option["value"], (option.get("label") or {}).get("de", "")) for option in item.get("options", [])]


def field_code(item, required):
    """The field's constructor call, as a person would write it for this item."""
    kind = item["type"]
    label = (item.get("label") or {}).get("de", "")
    common = [f"label={literal(label)}"]
    help_text = (item.get("help_text") or {}).get("de")
    if help_text:
        common.append(f"help_text={literal(help_text)}")
    common.append(f"required={required}")
    args = []
    if kind in ("text", "long_text", "email", "phone"):
        longest = {"text": 255, "long_text": 5000, "email": 254, "phone": 30}[kind]
        wanted = item.get("max_length") or longest
        args.append(f"max_length={min(wanted, longest) if kind != 'long_text' else wanted}")
        if item.get("min_length"):
            args.append(f"min_length={item['min_length']}")
        validators = ["PHONE"] if kind == "phone" else []
        if item.get("pattern"):
            message = (item.get("pattern_message") or {}).get("de") or None
            validators.append(f"PatternValidator({item['pattern']!r}, {message!r})")
        if validators:
            args.append(f"validators=[{', '.join(validators)}]")
        cls = {"text": "TextField", "long_text": "TextField", "email": "EmailField", "phone": "forms.CharField"}[kind]
        if kind == "long_text":
            args[:0] = ["multiline=True", 'widget=forms.Textarea(attrs={"rows": 4})']
    elif kind == "number":
        cls = "FiniteFloatField"
        args += [f"min_value={item.get('min')!r}", f"max_value={item.get('max')!r}"]
    elif kind == "date":
        cls = "DateRuleField"
        args.append(f"rule={item.get('date')!r}")
    elif kind == "yes_no":
        cls = "forms.TypedChoiceField"
        args += ["choices=YES_NO", "coerce=yes", "empty_value=None", "widget=forms.RadioSelect"]
    elif kind in ("choice", "multi_choice"):
        choices = options(item)
        lines = "".join(f"\n            ({value!r}, {text!r})," for value, text in choices)
        if kind == "multi_choice":
            cls = "forms.MultipleChoiceField"
            args += [f"choices=[{lines}\n        ]", "widget=forms.CheckboxSelectMultiple"]
        elif len(choices) <= 6:
            cls = "forms.ChoiceField"
            args += [f"choices=[{lines}\n        ]", "widget=forms.RadioSelect"]
        else:
            cls = "forms.ChoiceField"
            args.append(f'choices=[\n            ("", "—"),{lines}\n        ]')
    elif kind == "country":
        cls = "forms.ChoiceField"
        args.append('choices=[("", "—"), *COUNTRY_CHOICES]')
    elif kind == "nationality":
        cls = "forms.MultipleChoiceField"
        args += ["choices=COUNTRY_CHOICES", 'widget=forms.SelectMultiple(attrs={"size": 6})']
    elif kind == "language":
        cls = "forms.ChoiceField"
        args.append('choices=[("", "—"), *LANGUAGE_CHOICES]')
    elif kind == "address":
        cls = "AddressField"
    else:
        raise SystemExit(f"no hand-written field for type {kind!r} ({item['key']})")
    return f"{cls}(\n        " + ",\n        ".join(common + args) + ",\n    )"


def camel(key):
    return "".join(part.capitalize() for part in key.split("_"))


def module_code(definition):
    from django.utils.translation import get_language_info, override

    from questionnaires.form_fields import EU_EEA_CH, LANGUAGE_CODES

    with override("de"):
        languages = sorted(LANGUAGE_CODES, key=lambda code: str(get_language_info(code)["name_translated"]))
    language_lines = "\n".join(f'    ("{code}", _("{get_language_info(code)["name"]}")),' for code in languages)
    parts = [HEADER.format(eu=" ".join(sorted(EU_EEA_CH)), languages=language_lines)]
    fields, groups = [], []
    for section in definition["sections"]:
        fields.append(f"\n    # {(section.get('title') or {}).get('de', section['key'])}")
        for item in section["items"]:
            plain = item.get("required") and not item.get("condition") and not section.get("condition")
            if item["type"] == "group":
                groups.append(item)
                fields.append(f"    # {item['key']}: {camel(item['key'])}FormSet below")
                continue
            fields.append(f"    {item['key']} = {field_code(item, bool(plain))}")
    for group in groups:
        parts.append(f"\n\nclass {camel(group['key'])}Form(forms.Form):")
        parts.append(f'    """One entry of „{(group.get("label") or {}).get("de", "")}“."""\n')
        for sub in group["fields"]:
            parts.append(f"    {sub['key']} = {field_code(sub, bool(sub.get('required')))}")
        parts.append(
            f"\n\n{camel(group['key'])}FormSet = forms.formset_factory(\n"
            f"    {camel(group['key'])}Form,\n    extra=1,\n    min_num={group.get('min_items') or 0},\n"
            f"    max_num={min(group.get('max_items') or 30, 30)},\n    validate_max=True,\n    can_delete=True,\n)"
        )
    parts.append(f'\n\nclass {camel(definition["slug"])}Form(forms.Form):\n    """{definition["title"]["de"]}."""')
    parts += fields
    names = ", ".join(f'"{group["key"]}": {camel(group["key"])}FormSet' for group in groups)
    parts.append(f"\n\nFORMSETS = {{{names}}}\n")
    return "\n".join(parts)


def main():
    sys.path.insert(0, str(BASE_DIR / "bench"))
    import harness

    harness.setup_django("sqlite", "/tmp/bench-make-baseline-form.sqlite3")
    from questionnaires.api import published

    TARGET.write_text(module_code(published("erstgespraech").definition), encoding="utf-8")
    Path("/tmp/bench-make-baseline-form.sqlite3").unlink(missing_ok=True)
    print(f"wrote {TARGET.relative_to(BASE_DIR)}; now run: ruff format {TARGET.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
