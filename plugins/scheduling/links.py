"""Signed links for a booking's holder (cancel, move) and for a seat offered from the waiting list.

The token is the booking code (or the waiting-list entry's id) and its HMAC, joined by a
dot: letters, digits, ``-``, ``_`` and ``.`` only, the characters no mail program needs to
re-encode; one that does percent-encode them still sends the same path, since Django decodes
it. It sits in the path, not in a query string or fragment. Nothing is stored: a tampered
token fails the signature, and what the booking's state allows (not cancelled, not begun)
decides the rest, so a cancel link works once.
"""

from django.core import signing

MANAGE = "scheduling.manage-booking"
OFFER = "scheduling.waiting-offer"


def _signer(purpose):
    return signing.Signer(salt=purpose, sep=".")


def manage_token(booking):
    return _signer(MANAGE).sign(booking.code)


def booking_code(token):
    """The booking code signed in ``token``, or ``None`` when it was altered."""
    try:
        return _signer(MANAGE).unsign(token)
    except signing.BadSignature:
        return None


def offer_token(entry):
    return _signer(OFFER).sign(f"{entry.pk}-{entry.offer_id}")


def offer_of(token):
    """(waiting-list entry id, offered hold id) signed in ``token``, or ``None`` when it was altered."""
    try:
        entry, offer = _signer(OFFER).unsign(token).split("-")
        return int(entry), int(offer)
    except (signing.BadSignature, ValueError):
        return None
