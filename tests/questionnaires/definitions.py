"""A small catalogue and questionnaire covering every kind of rule, as files the loader reads."""

import json


def label(de, en):
    return {"de": de, "en": en}


def field(key, kind, de, en, **extra):
    return {
        "key": key,
        "type": kind,
        "label": label(de, en),
        "purpose": "Test",
        "legal_basis": "§ 3 BMG",
        "sensitivity": "normal",
        "retention": "intake",
        **extra,
    }


def option(value, de, en):
    return {"value": value, "label": label(de, en)}


CATALOGUE = {
    "kind": "catalogue",
    "fields": [
        field("surname", "text", "Familienname", "Surname"),
        field("birth_date", "date", "Geburtsdatum", "Date of birth"),
        field(
            "stay_category",
            "choice",
            "Zweck des Aufenthalts",
            "Purpose of stay",
            options=[
                option("worker", "Arbeitnehmer", "Worker"),
                option("job_seeker", "Arbeitsuchend", "Job seeker"),
                option("non_active", "Nichterwerbstätig", "Non-active"),
            ],
        ),
        field("employer_name", "text", "Arbeitgeber (Name)", "Employer (name)"),
        field("hours_per_week", "number", "Wochenstunden", "Hours per week"),
        field("has_children", "yes_no", "Minderjährige Kinder", "Minor children"),
        field("children", "group", "Kinder", "Children"),
        field("child_name", "text", "Name des Kindes", "Child's name"),
        field("child_birth_date", "date", "Geburtsdatum des Kindes", "Child's date of birth"),
        field("email", "email", "E-Mail", "Email"),
        field("nationalities", "nationality", "Staatsangehörigkeiten", "Nationalities"),
        field("new_address", "address", "Neue Anschrift", "New address"),
        field("sufficient_means", "yes_no", "Ausreichende Existenzmittel", "Sufficient means"),
        field(
            "topics",
            "multi_choice",
            "Themen",
            "Topics",
            options=[option("housing", "Wohnen", "Housing"), option("debts", "Schulden", "Debts")],
        ),
        field("notes", "long_text", "Notizen", "Notes"),
    ],
}

QUESTIONNAIRE = {
    "kind": "questionnaire",
    "slug": "probe",
    "title": label("Probe", "Sample"),
    "sections": [
        {
            "key": "identity",
            "title": label("Identität", "Identity"),
            "items": [
                {"field": "surname", "required": True, "max_length": 100},
                {"field": "birth_date", "required": True, "date": "past"},
                {"field": "nationalities", "required": True},
                {"field": "email"},
                {"field": "new_address"},
            ],
        },
        {
            "key": "purpose",
            "title": label("Aufenthaltszweck", "Purpose of stay"),
            "items": [
                {"field": "stay_category", "required": True},
                {
                    "field": "employer_name",
                    "required": True,
                    "condition": {"field": "stay_category", "op": "equals", "value": "worker"},
                },
                {
                    "field": "hours_per_week",
                    "min": 1,
                    "max": 60,
                    "condition": {"field": "stay_category", "op": "one_of", "value": ["worker", "job_seeker"]},
                },
                {"field": "has_children"},
                {
                    "field": "children",
                    "max_items": 5,
                    "condition": {"field": "has_children", "op": "equals", "value": True},
                    "fields": [
                        {"field": "child_name", "required": True},
                        {"field": "child_birth_date", "date": "past"},
                    ],
                },
                {"field": "topics"},
                {"field": "notes", "required_if": {"field": "topics", "op": "one_of", "value": ["debts"]}},
            ],
        },
        {
            "key": "means",
            "title": label("Existenzmittel", "Means"),
            "condition": {"field": "stay_category", "op": "equals", "value": "non_active"},
            "items": [{"field": "sufficient_means", "required": True}],
        },
    ],
}


def write_definitions(directory, catalogue=None, questionnaires=()):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "catalogue.json").write_text(json.dumps(catalogue or CATALOGUE, ensure_ascii=False))
    for document in questionnaires:
        (directory / f"{document['slug']}.json").write_text(json.dumps(document, ensure_ascii=False))
    return directory
