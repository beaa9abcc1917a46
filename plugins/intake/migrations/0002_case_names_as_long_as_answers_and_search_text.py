"""Names as long as the engine's text answers, and the folded copy of the names that search compares.

The certificate's holder name holds first names, a space and the surname.
Existing cases get their folded copy here; from now on every save writes it.
"""

import core.text
from django.db import migrations, models

BATCH = 2000


def fill_search_text(apps, schema_editor):
    Case = apps.get_model("intake", "Case")
    cases = list(Case.objects.only("pk", "first_names", "surname").order_by("pk"))
    for case in cases:
        case.search_text = core.text.fold(f"{case.first_names} {case.surname}")
    Case.objects.bulk_update(cases, ["search_text"], batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='search_text',
            field=core.text.FoldedCopy(blank=True, default='', editable=False, of=('first_names', 'surname')),
        ),
        migrations.AlterField(
            model_name='case',
            name='first_names',
            field=models.CharField(db_index=True, max_length=255, verbose_name='first names'),
        ),
        migrations.AlterField(
            model_name='case',
            name='surname',
            field=models.CharField(db_index=True, max_length=255, verbose_name='surname'),
        ),
        migrations.AlterField(
            model_name='releasecertificate',
            name='holder_name',
            field=models.CharField(max_length=511, verbose_name='name'),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
