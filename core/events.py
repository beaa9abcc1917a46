"""Announcing a state change to the receivers of an event hook, once it is committed."""

import logging
from functools import partial

from django.db import transaction
from wagtail import hooks

logger = logging.getLogger(__name__)


def announce(hook_name, payload):
    """Call every ``hook_name`` receiver with ``payload`` after the current transaction commits.

    A change that is rolled back is never announced. Receivers run after the commit, so a
    failing one cannot undo the change; it is logged and the others still hear about it.
    """
    transaction.on_commit(partial(_deliver, hook_name, payload))


def _deliver(hook_name, payload):
    for receive in hooks.get_hooks(hook_name):
        try:
            receive(payload)
        except Exception:
            logger.exception("Receiver %r of %s failed on %r", receive, hook_name, payload)
