"""The office's name and address move from each certificate wording to the core's office setting (issue 12).

Only the German wording's were ever printed, so those are kept (any other language's if
there is no German one). An office setting that already exists is left as it is. Going
back, every wording gets the setting's name and address again.
"""

from django.db import migrations, models


def to_setting(apps, schema_editor):
    OfficeDetails = apps.get_model("core", "OfficeDetails")
    CertificateWording = apps.get_model("intake", "CertificateWording")
    if OfficeDetails.objects.exists():
        return
    wordings = sorted(CertificateWording.objects.all(), key=lambda wording: (wording.language != "de", wording.language))
    if wordings:
        OfficeDetails.objects.create(name=wordings[0].office_name, address=wordings[0].office_address)


def to_wordings(apps, schema_editor):
    OfficeDetails = apps.get_model("core", "OfficeDetails")
    CertificateWording = apps.get_model("intake", "CertificateWording")
    office = OfficeDetails.objects.first()
    if office:
        CertificateWording.objects.update(office_name=office.name, office_address=office.address)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_office_details"),
        ("intake", "0003_case_list_indexes"),
    ]

    operations = [
        migrations.RunPython(to_setting, to_wordings),
        # A default first, so that going back can re-add the columns to rows that exist.
        migrations.AlterField(
            model_name="certificatewording",
            name="office_address",
            field=models.TextField(default="", verbose_name="office address"),
        ),
        migrations.AlterField(
            model_name="certificatewording",
            name="office_name",
            field=models.CharField(default="", max_length=255, verbose_name="office"),
        ),
        migrations.RemoveField(model_name="certificatewording", name="office_address"),
        migrations.RemoveField(model_name="certificatewording", name="office_name"),
    ]
