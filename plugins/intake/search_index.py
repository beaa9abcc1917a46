"""The trigram index behind the case list's contains-match on the reference and the folded names.

PostgreSQL: ``pg_trgm`` GIN indexes on ``UPPER(reference)`` and ``search_text`` serve Django's own
``icontains``/``contains`` as written. SQLite (3.34 and later): an FTS5 table with the trigram
tokenizer (``TABLE``, kept by triggers, made by migration 0003) answers words of three characters
or more; shorter words have no trigram to look up and are matched with ``LIKE``, as before.
"""

import sqlite3

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

TABLE = "intake_case_search"
TRIGRAMS = sqlite3.sqlite_version_info >= (3, 34)  # the trigram tokenizer
SHORTEST = 3


def fts_phrase(text):
    """``text`` as one FTS5 phrase: matched as it stands (quotes doubled), any operator in it only text."""
    return '"' + text.replace('"', '""') + '"'


def contains(words):
    """Cases whose reference (case ignored) or folded names contain one of ``words`` (folded already)."""
    condition = Q()
    if connection.vendor == "sqlite" and TRIGRAMS:
        indexed = [word for word in words if len(word) >= SHORTEST]
        if indexed:
            match = " OR ".join(fts_phrase(word) for word in indexed)
            condition |= Q(pk__in=RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match]))
        words = [word for word in words if len(word) < SHORTEST]
    for word in words:
        condition |= Q(reference__icontains=word) | Q(search_text__contains=word)
    return condition
