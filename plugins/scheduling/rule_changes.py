"""Bookings that a change of a calendar's hours, seats or closures left outside what it now offers.

Such a booking is never dropped: it stays booked, and the clerk is shown the list to
move each one (the holder has to be told).
"""

from collections import defaultdict

from django.utils import timezone

from .models import Booking, BookingStatus, Channel
from .slots import day_starts, office_zone


def stranded_bookings(calendar, now=None):
    """Bookings to come whose time the rules no longer offer, or whose slot now holds more than its seats."""
    now = now or timezone.now()
    bookings = list(
        Booking.objects.filter(slot__calendar=calendar, status=BookingStatus.BOOKED, slot__start__gt=now)
        .select_related("slot")
        .order_by("slot__start", "booked_at")
    )
    per_slot = defaultdict(list)
    for booking in bookings:
        per_slot[booking.slot_id].append(booking)
    offered = {}
    stranded = []
    for booking in bookings:
        day = timezone.localtime(booking.slot.start, office_zone()).date()
        if day not in offered:
            offered[day] = set(day_starts(calendar, day))
        same_slot = per_slot[booking.slot_id]
        online = sum(other.people for other in same_slot if other.channel == Channel.ONLINE)
        overfull = (
            sum(other.people for other in same_slot) > calendar.seats_online + calendar.seats_staff
            or online > calendar.seats_online
        )
        if booking.slot.start not in offered[day] or overfull:
            stranded.append(booking)
    return stranded
