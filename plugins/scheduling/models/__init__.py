from .booking import Booking, BookingStatus, Channel, Slot
from .calendar import Calendar, CalendarName, Closure, OpeningRule, Weekday
from .day import AdvanceAnswers, Attendance, DayCount, Outcome, Screen, Ticket
from .settings import BookingSettings

__all__ = [
    "AdvanceAnswers",
    "Attendance",
    "DayCount",
    "Outcome",
    "Screen",
    "Ticket",
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
from .notifications import (  # noqa: E402
    EmailText,
    Move,
    Notice,
    NoticeKind,
    NoticeStatus,
    NotificationSettings,
    WaitingListEntry,
    WaitingStatus,
)

__all__ += [
    "EmailText",
    "Move",
    "Notice",
    "NoticeKind",
    "NoticeStatus",
    "NotificationSettings",
    "WaitingListEntry",
    "WaitingStatus",
]
