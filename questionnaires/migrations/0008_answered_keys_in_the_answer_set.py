"""The answered keys move from a table of their own into the answer set's row (issue 10).

A save wrote one index row per answered key (about 50): on PostgreSQL that was more than half
of the save. The keys now sit in ``AnswerSet.answered`` (``{key: true}``), filled from the old
rows in one statement, with a GIN index on PostgreSQL for ``has_key``; back again on reversal.
The SQL is written out here, as it was when this migration was made.
"""

from django.db import migrations, models

FILL = {
    "postgresql": [
        "UPDATE questionnaires_answerset AS s SET answered = k.answered FROM ("
        " SELECT answer_set_id, jsonb_object_agg(key, true) AS answered"
        " FROM questionnaires_answeredfield GROUP BY answer_set_id) AS k WHERE k.answer_set_id = s.id",
        "CREATE INDEX questionnaires_answerset_answered ON questionnaires_answerset USING gin (answered)",
    ],
    "sqlite": [
        "UPDATE questionnaires_answerset SET answered = ("
        " SELECT json_group_object(key, json('true')) FROM questionnaires_answeredfield"
        " WHERE answer_set_id = questionnaires_answerset.id)"
        " WHERE id IN (SELECT answer_set_id FROM questionnaires_answeredfield)",
    ],
}
EMPTY = {
    "postgresql": [
        "DROP INDEX questionnaires_answerset_answered",
        "INSERT INTO questionnaires_answeredfield (answer_set_id, key)"
        " SELECT id, jsonb_object_keys(answered) FROM questionnaires_answerset",
    ],
    "sqlite": [
        "INSERT INTO questionnaires_answeredfield (answer_set_id, key)"
        " SELECT s.id, k.key FROM questionnaires_answerset AS s, json_each(s.answered) AS k",
    ],
}


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0007_answered_field_keyed_by_set_and_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="answerset",
            name="answered",
            field=models.JSONField(default=dict, editable=False, verbose_name="answered fields"),
        ),
        migrations.RunPython(run(FILL), run(EMPTY)),
        migrations.DeleteModel(name="AnsweredField"),
    ]
