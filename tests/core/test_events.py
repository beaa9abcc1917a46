"""Events reach their receivers once, after the commit, and one failing receiver does not silence the rest."""

import logging

import pytest
from django.db import transaction
from wagtail import hooks

from core.events import announce

pytestmark = pytest.mark.django_db
EVENT = "clearing_test_event"


def test_receivers_hear_of_a_change_only_once_it_is_committed(django_capture_on_commit_callbacks):
    heard = []
    with hooks.register_temporarily(EVENT, heard.append):
        with django_capture_on_commit_callbacks(execute=True):
            announce(EVENT, "changed")
            assert heard == []
    assert heard == ["changed"]


def test_a_rolled_back_change_is_never_announced(django_capture_on_commit_callbacks):
    heard = []
    with hooks.register_temporarily(EVENT, heard.append):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                announce(EVENT, "undone")
                raise RuntimeError
    assert heard == [] and callbacks == []


def test_a_failing_receiver_is_logged_and_the_next_one_still_hears(django_capture_on_commit_callbacks, caplog):
    heard = []

    def broken(payload):
        raise ValueError("receiver bug")

    with hooks.register_temporarily(EVENT, broken), hooks.register_temporarily(EVENT, heard.append):
        with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.ERROR, logger="core.events"):
            announce(EVENT, "changed")
    assert heard == ["changed"]
    assert "receiver bug" in caplog.text and EVENT in caplog.text
