"""Stage 1 end to end in Chromium: a clerk interviews, releases and prints; the Bürgerbüro verifies."""

import subprocess

import pytest

from core import roles
from plugins.intake.models import Case, CaseStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_interview(page):
    page.select_option("select[name='q-interview_language']", "ro")
    page.locator("[data-key='privacy_notice_handed_over'] input[value='yes']").check()
    page.fill("input[name='q-privacy_notice_version']", "2026-01")
    page.select_option("select[name='q-privacy_notice_language']", "ro")
    page.fill("input[name='q-place_of_birth']", "Iași")
    page.select_option("select[name='q-country_of_birth']", "RO")
    page.locator("[data-key='sex'] input[value='male']").check()
    page.locator("[data-key='document_type'] input[value='id_card']").check()
    page.fill("input[name='q-document_serial_number']", "RX123456")
    page.fill("input[name='q-new_address_0']", "Marktstraße")
    page.fill("input[name='q-new_address_1']", "12")
    page.fill("input[name='q-new_address_3']", "06667")
    page.fill("input[name='q-new_address_4']", "Weißenfels")
    page.fill("input[name='q-move_in_date']", "2026-10-01")
    page.locator("[data-key='residence_type'] input[value='sole']").check()
    page.locator("[data-key='landlord_confirmation_present'] input[value='yes']").check()
    page.fill("input[name='q-landlord_name']", "Wohnbau GmbH")
    for index, value in enumerate(["Am Hang", "3", "", "06667", "Weißenfels"]):
        if value:
            page.fill(f"input[name='q-landlord_address_{index}']", value)
    page.select_option("select[name='q-marital_status']", "single")
    page.select_option("select[name='q-stay_category']", "worker")
    employer = page.locator("input[name='q-employer_name']")
    employer.wait_for(state="visible")
    employer.fill("Fleischwerk Süd GmbH")


def test_clerk_interviews_releases_prints_and_the_office_confirms(
    page, live_server, bootstrapped, make_user, login, artifacts, browser
):
    make_user("clerk", roles.CLERK, first_name="Petra", last_name="Schulze")
    make_user("office", roles.CITIZENS_OFFICE)
    login(page, "clerk")
    page.goto(f"{live_server.url}/admin/intake/cases/new/")
    page.fill("#id_surname", "Țurcanu")
    page.fill("#id_first_names", "Ștefan")
    page.fill("#id_birth_date", "1990-04-01")
    page.select_option("#id_nationality", "RO")
    page.select_option("#id_language", "ro")
    page.get_by_role("button", name="Erstellen").click()
    page.wait_for_url("**/interview/")
    assert page.locator("input[name='q-staff_member']").input_value() == "Petra Schulze"

    page.fill("input[name='q-place_of_birth']", "Iași")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_url("**/interview/")
    assert "Entwurf gespeichert." in page.locator(".messages").inner_text()
    assert page.locator("input[name='q-place_of_birth']").input_value() == "Iași"

    fill_interview(page)
    page.screenshot(path=artifacts / "interview-filled.png")
    page.get_by_role("button", name="Gespräch abschließen").click()
    page.wait_for_url("**/intake/cases/*/")
    assert "Gespräch abgeschlossen" in page.locator(".messages").inner_text()

    page.get_by_role("button", name="Freigeben und Freigabeschein ausstellen").click()
    page.wait_for_url("**/intake/cases/*/")
    assert "Freigabeschein FS-" in page.locator(".messages").inner_text()
    page.screenshot(path=artifacts / "case-released.png", full_page=True)
    case = Case.objects.get(surname="Țurcanu")
    assert case.status == CaseStatus.RELEASED
    certificate = case.certificates.get()

    pdf = page.request.get(f"{live_server.url}/admin/intake/cases/{case.pk}/certificates/{certificate.pk}/pdf/")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    (artifacts / "flow-certificate.pdf").write_bytes(pdf.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(artifacts / "flow-certificate.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Ștefan" in text and "Țurcanu" in text and certificate.number in text

    office = browser.new_context(locale="de-DE").new_page()
    login(office, "office")
    office.goto(f"{live_server.url}/admin/intake/verify/{certificate.verification_code}/")
    assert office.locator("[data-verification='valid']").is_visible()
    assert "Fleischwerk" not in office.content()
    office.get_by_role("button", name="Anmeldung erfolgt").click()
    office.wait_for_url(f"**/verify/{certificate.verification_code}/")
    assert "Anmeldung von Ștefan Țurcanu bestätigt." in office.locator(".messages").inner_text()
    office.screenshot(path=artifacts / "verify-registered.png")
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED
