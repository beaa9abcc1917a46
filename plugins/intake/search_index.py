"""The trigram index behind the case list's contains-match on the reference and the folded names.

PostgreSQL: ``pg_trgm`` GIN indexes on ``UPPER(reference)`` and ``search_text`` serve Django's own
``icontains``/``contains`` as written. SQLite (3.34 and later): an FTS5 table with the trigram
tokenizer (``TABLE``, kept by triggers, made by migration 0003) answers words of three characters
or more; shorter words have no trigram to look up and are matched with ``LIKE``, as before.
"""

import sqlite3

from django.db import connection, connections
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


COPY = f"INSERT INTO {TABLE} (rowid, reference, search_text) VALUES (new.id, new.reference, new.search_text);"
TRIGGERS = {
    f"{TABLE}_insert": f"AFTER INSERT ON intake_case BEGIN {COPY} END",
    f"{TABLE}_update": f"AFTER UPDATE OF reference, search_text ON intake_case BEGIN "
    f"DELETE FROM {TABLE} WHERE rowid = old.id; {COPY} END",
    f"{TABLE}_delete": f"AFTER DELETE ON intake_case BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END",
}


def restore_sqlite_triggers(using="default", **kwargs):
    """After ``migrate``: the triggers back, and the table refilled, if a migration remade ``intake_case``.

    SQLite changes most columns by copying the table into a new one and dropping the old, and a
    dropped table takes its triggers with it: the search would then silently miss every case
    written afterwards. Connected to ``post_migrate``; does nothing where migration 0003 made no table.
    """
    db = connections[using]
    if db.vendor != "sqlite" or not TRIGRAMS:
        return
    with db.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE name LIKE %s", [f"{TABLE}%"])
        present = {name for kind, name in cursor.fetchall() if kind in ("table", "trigger")}
        if TABLE not in present or set(TRIGGERS) <= present:
            return
        for name, body in TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, reference, search_text) SELECT id, reference, search_text FROM intake_case"
        )
