from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat


def copy_holder_from_case(apps, schema_editor):
    ReleaseCertificate = apps.get_model("intake", "ReleaseCertificate")
    Case = apps.get_model("intake", "Case")
    case = Case.objects.filter(pk=OuterRef("case_id"))
    name = Concat("first_names", Value(" "), "surname", output_field=models.CharField())
    ReleaseCertificate.objects.update(
        holder_name=Subquery(case.annotate(name=name).values("name")[:1]),
        holder_birth_date=Subquery(case.values("birth_date")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("intake", "0004_answered_field_one_index")]

    operations = [
        migrations.AddField(
            model_name="releasecertificate",
            name="holder_name",
            field=models.CharField(max_length=300, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="releasecertificate",
            name="holder_birth_date",
            field=models.DateField(null=True, verbose_name="date of birth"),
        ),
        migrations.RunPython(copy_holder_from_case, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="releasecertificate",
            name="holder_name",
            field=models.CharField(max_length=300, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="releasecertificate",
            name="holder_birth_date",
            field=models.DateField(verbose_name="date of birth"),
        ),
    ]
