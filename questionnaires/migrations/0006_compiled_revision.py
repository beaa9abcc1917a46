import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """Every revision answers were given against, and every live one, gets its compiled definition."""
    Revision = apps.get_model("wagtailcore", "Revision")
    AnswerSet = apps.get_model("questionnaires", "AnswerSet")
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    CompiledRevision = apps.get_model("questionnaires", "CompiledRevision")
    wanted = set(AnswerSet.objects.values_list("revision_id", flat=True).distinct())
    wanted |= set(Questionnaire.objects.exclude(live_revision=None).values_list("live_revision_id", flat=True))
    for revision in Revision.objects.filter(pk__in=wanted).iterator(chunk_size=20):
        if "compiled" in revision.content:
            CompiledRevision.objects.get_or_create(revision=revision, defaults={"definition": revision.content["compiled"]})


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0005_body_blocks_after_merge"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="CompiledRevision",
            fields=[
                (
                    "revision",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="wagtailcore.revision",
                    ),
                ),
                ("definition", models.JSONField()),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
