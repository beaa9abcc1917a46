"""Stable ids of group entries (household members, children): what matches a posted entry to a stored one.

Matching by position loses or swaps entries when a colleague added or removed
one meanwhile; the id travels in the stored JSON and in a hidden input per entry.
"""

import re
import secrets

ENTRY_ID = "_id"  # catalogue keys start with a letter, so no question can take this name
_WELL_FORMED = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


NEW = "n"  # marks the id of a row not stored yet; hex ids never start with it


def new_entry_id():
    return secrets.token_hex(6)


def new_row_id():
    """The id a new row carries from the moment it is shown, so posting the page twice stores it once."""
    return NEW + new_entry_id()


def stored_id(posted_id):
    """The id an entry is stored under: a new row's without its mark."""
    return posted_id[len(NEW) :] if posted_id.startswith(NEW) else posted_id


def well_formed(entry_id):
    return isinstance(entry_id, str) and bool(_WELL_FORMED.match(entry_id))


def stored_entry_id(entry, index):
    """The id of a stored entry; entries written before ids existed are named by position.

    Those position ids hold as long as the set is unchanged, which the version
    check guarantees, and the next save writes them into the JSON.
    """
    entry_id = entry.get(ENTRY_ID)
    return entry_id if well_formed(entry_id) else f"p{index}"


def is_group_value(value):
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def with_entry_ids(answers):
    """``answers`` with an id in every group entry (a copy; entries that have one keep it)."""
    result = {}
    for key, value in answers.items():
        if is_group_value(value):
            value = [
                entry if well_formed(entry.get(ENTRY_ID)) else {ENTRY_ID: new_entry_id(), **entry} for entry in value
            ]
        result[key] = value
    return result
