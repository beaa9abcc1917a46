"""A citizen books on a phone, in Romanian, without help, and cancels by the link; axe-core finds no serious barrier."""

import pytest

from plugins.scheduling.models import Booking, BookingStatus

from .axe import barriers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_a_citizen_books_in_romanian_on_a_phone(page, live_server, bootstrapped, artifacts):
    page.set_viewport_size(PHONE)
    found = {}
    page.goto(f"{live_server.url}/ro/termin/")
    assert page.locator("html").get_attribute("lang") == "ro"
    found["days"] = barriers(page)
    page.screenshot(path=artifacts / "booking-ro-days.png", full_page=True)
    page.locator("ul.days a.choice").first.click()
    found["times"] = barriers(page)
    page.screenshot(path=artifacts / "booking-ro-times.png", full_page=True)
    page.locator("ul.times button.choice").first.click()
    page.wait_for_url("**/angaben/**")
    found["details"] = barriers(page)
    page.get_by_label("Numele dumneavoastră").fill("Ioana Munteanu")
    page.get_by_label("Număr de telefon").fill("+40 712 345 678")
    page.get_by_label("Am citit informațiile privind protecția datelor și sunt de acord.").check()
    page.screenshot(path=artifacts / "booking-ro-details.png", full_page=True)
    page.get_by_role("button", name="Rezervați programarea").click()
    page.wait_for_url("**/bestaetigung/**")
    found["confirmation"] = barriers(page)
    page.screenshot(path=artifacts / "booking-ro-confirmation.png", full_page=True)

    booking = Booking.objects.get()
    assert booking.status == BookingStatus.BOOKED and booking.language == "ro" and booking.phone_key == "+40712345678"
    assert page.get_by_role("heading", name="Programarea dumneavoastră este rezervată").is_visible()
    assert page.locator(".code").inner_text() == f"{booking.code[:4]}-{booking.code[4:]}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing overflows the phone's width"

    page.get_by_role("link", name="Anulați sau mutați programarea").click()
    page.wait_for_url("**/buchung/**")
    found["manage"] = barriers(page)
    page.screenshot(path=artifacts / "booking-ro-manage.png", full_page=True)
    page.get_by_role("button", name="Anulați programarea").click()
    assert page.get_by_role("heading", name="Programarea dumneavoastră este anulată").is_visible()
    found["cancelled"] = barriers(page)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert found == {"days": [], "times": [], "details": [], "confirmation": [], "manage": [], "cancelled": []}


@pytest.mark.parametrize("language", ["de", "bg"])
def test_the_booking_pages_have_no_serious_barriers(page, live_server, bootstrapped, artifacts, language):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{language}/termin/")
    found = {"days": barriers(page)}
    page.locator("ul.days a.choice").first.click()
    found["times"] = barriers(page)
    page.locator("ul.times button.choice").first.click()
    page.wait_for_url("**/angaben/**")
    page.locator("button.primary").click()  # sent empty: the page with its error messages
    found["details with errors"] = barriers(page)
    page.screenshot(path=artifacts / f"booking-{language}-errors.png", full_page=True)
    assert found == {"days": [], "times": [], "details with errors": []}
