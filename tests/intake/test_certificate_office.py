"""The certificate prints the office from the core's office setting; the wording's old copies moved there."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.office import OfficeDetails
from plugins.intake.certificate import render_certificate_pdf

from .test_certificate import certificate_for, pdf_text

pytestmark = pytest.mark.django_db


def test_the_certificate_prints_the_office_setting(bootstrapped, tmp_path):
    office = OfficeDetails.load()
    office.name = "Stadt Weißenfels – Clearingstelle im Bürgerhaus"
    office.address = "Große Burgstraße 9\n06667 Weißenfels"
    office.save()
    path = tmp_path / "c.pdf"
    path.write_bytes(render_certificate_pdf(certificate_for("Ștefan", "Țurcanu", "RO", "ro")))
    text = pdf_text(path)
    assert "Stadt Weißenfels – Clearingstelle im Bürgerhaus" in text
    assert "Große Burgstraße 9" in text and "Markt 1" not in text


def test_shipped_office_is_the_towns_public_address(bootstrapped, tmp_path):
    path = tmp_path / "c.pdf"
    path.write_bytes(render_certificate_pdf(certificate_for("Ana", "Pop", "RO", "ro")))
    text = pdf_text(path)
    assert "Stadt Weißenfels – Clearingstelle" in text and "Markt 1" in text and "06667 Weißenfels" in text


def migration_and_before():
    graph = MigrationExecutor(connection).loader.graph
    (name,) = [
        name for app, name in graph.nodes if app == "intake" and name.endswith("office_details_to_the_core_setting")
    ]
    (before,) = [parent for parent in graph.node_map[("intake", name)].parents if parent.key[0] == "intake"]
    return ("intake", name), before.key


@pytest.mark.django_db(transaction=True)
def test_migrating_forward_moves_the_german_office_to_the_setting():
    migration, before = migration_and_before()
    executor = MigrationExecutor(connection)
    executor.migrate([before, ("core", "0005_office_details")])
    try:
        apps = executor.loader.project_state([before, ("core", "0005_office_details")]).apps
        Wording = apps.get_model("intake", "CertificateWording")
        apps.get_model("core", "OfficeDetails").objects.all().delete()
        Wording.objects.all().delete()
        texts = dict(title="t", confirmation="c", bring="b", note="n", appointment="a", verification="v")
        Wording.objects.create(language="ro", office_name="Orașul Weißenfels", office_address="Markt 1", **texts)
        Wording.objects.create(
            language="de", office_name="Stadt X – Clearingstelle", office_address="Ring 2\n0 X", **texts
        )
        executor = MigrationExecutor(connection)
        executor.migrate([migration])
        moved = list(OfficeDetails.objects.values_list("name", "address"))
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert moved == [("Stadt X – Clearingstelle", "Ring 2\n0 X")]
