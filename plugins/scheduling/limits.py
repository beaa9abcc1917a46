"""The public booking's abuse limits, read from the settings at each request; 0 switches one off (tests, benches)."""

from django.conf import settings

from core.rate_limit import FailureBudget

HOUR = 3600
DAY = 24 * HOUR


class Unlimited:
    """A budget that is never spent: the limit is switched off."""

    def take(self, key):
        return key

    def give_back(self, slot):
        """Nothing was taken."""


def _budget(name, limit, window):
    return FailureBudget(name, limit, window) if limit else Unlimited()


def holds_per_address():
    """Slots one client address may hold per hour: a hold blocks a seat for ten minutes."""
    return _budget("scheduling:holds", settings.SCHEDULING_HOLDS_PER_ADDRESS_HOUR, HOUR)


def bookings_per_contact():
    """Bookings one email address or phone number may make per day, cancelled ones included."""
    return _budget("scheduling:contact", settings.SCHEDULING_BOOKINGS_PER_CONTACT_DAY, DAY)


def open_bookings_per_contact():
    """Appointments to come that one email address or phone number may hold at once."""
    return settings.SCHEDULING_OPEN_BOOKINGS_PER_CONTACT
