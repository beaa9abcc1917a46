"""Answer patterns: one compiled expression for validation and the forms, matched with a time limit.

A pattern is written by an administrator and run against anyone's answer. Some
expressions (``(a|aa)+``) backtrack for minutes on a crafted answer, and no
static check finds them all, so every match is bounded in time instead.
"""

import logging

import regex
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MATCH_SECONDS = 0.1
DEFAULT_MESSAGE = _("The answer does not have the expected form.")
TIMEOUT_MESSAGE = _("The answer could not be checked against the expected form; please shorten it.")

logger = logging.getLogger(__name__)


def compile_pattern(pattern):
    """The expression the whole answer must match; raises ``regex.error`` if it is not one."""
    return regex.compile(pattern)


def answer_matches(pattern, value):
    """Whether all of ``value`` matches; raises ``TimeoutError`` past ``MATCH_SECONDS``."""
    return compile_pattern(pattern).fullmatch(value, timeout=MATCH_SECONDS) is not None


class PatternValidator:
    def __init__(self, pattern, message=None):
        self.pattern = pattern
        self.message = message or DEFAULT_MESSAGE

    def __call__(self, value):
        try:
            matched = answer_matches(self.pattern, value)
        except TimeoutError:
            logger.warning("Answer pattern %r took longer than %s s; simplify it.", self.pattern, MATCH_SECONDS)
            raise ValidationError(TIMEOUT_MESSAGE, code="pattern_timeout") from None
        if not matched:
            raise ValidationError(self.message, code="invalid")
