"""The answered-field index keyed by (answer set, key): a table of its own, filled from the old one.

Django cannot change a table's primary key in place, so the old table is renamed, the new one
created and filled with the same rows in one statement, and the old one dropped (and back again).
"""

import django.db.models.deletion
import django.db.models.fields.composite
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0006_compiled_revision"),
    ]

    operations = [
        migrations.AlterField(
            model_name="answeredfield",
            name="answer_set",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="questionnaires.answerset",
            ),
        ),
        migrations.RenameModel("AnsweredField", "AnsweredFieldBefore"),
        migrations.CreateModel(
            name="AnsweredField",
            fields=[
                (
                    "pk",
                    django.db.models.fields.composite.CompositePrimaryKey(
                        "answer_set", "key", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "answer_set",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answered_fields",
                        to="questionnaires.answerset",
                    ),
                ),
                ("key", models.CharField(max_length=64)),
            ],
            options={
                "indexes": [models.Index(fields=["key"], name="questionnaires_answered_key")],
            },
        ),
        migrations.RunSQL(
            'INSERT INTO questionnaires_answeredfield (answer_set_id, "key") '
            'SELECT answer_set_id, "key" FROM questionnaires_answeredfieldbefore',
            'INSERT INTO questionnaires_answeredfieldbefore (answer_set_id, "key") '
            'SELECT answer_set_id, "key" FROM questionnaires_answeredfield',
        ),
        migrations.DeleteModel("AnsweredFieldBefore"),
    ]
