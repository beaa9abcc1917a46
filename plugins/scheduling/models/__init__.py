from .booking import Booking, BookingStatus, Channel, Slot
from .calendar import Calendar, CalendarName, Closure, OpeningRule, Weekday
from .settings import BookingSettings

__all__ = [
    "Booking",
    "BookingSettings",
    "BookingStatus",
    "Calendar",
    "CalendarName",
    "Channel",
    "Closure",
    "OpeningRule",
    "Slot",
    "Weekday",
]
