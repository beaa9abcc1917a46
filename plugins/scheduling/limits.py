"""The public booking's abuse limits, read from the settings at each request (tests and benches lift them)."""

from django.conf import settings

from core.rate_limit import FailureBudget

HOUR = 3600
DAY = 24 * HOUR


def holds_per_address():
    """Slots one client address may hold per hour: a hold blocks a seat for ten minutes."""
    return FailureBudget("scheduling:holds", settings.SCHEDULING_HOLDS_PER_ADDRESS_HOUR, HOUR)


def bookings_per_contact():
    """Bookings one email address or phone number may make per day, cancelled ones included."""
    return FailureBudget("scheduling:contact", settings.SCHEDULING_BOOKINGS_PER_CONTACT_DAY, DAY)


def open_bookings_per_contact():
    """Appointments to come that one email address or phone number may hold at once."""
    return settings.SCHEDULING_OPEN_BOOKINGS_PER_CONTACT
