"""Reading a definition file strictly: what ``json.loads`` lets through or dies on, named by place.

Python's parser raises tracebacks (RecursionError, the int digit limit) on
hostile input, takes the last of two equal keys and accepts ``NaN`` and
``\\u0000``, which PostgreSQL refuses in text. Every problem comes back as
one line with the file's name and a line/column or JSON path, so the loader
can refuse the whole directory in plain words.
"""

import json
import re
import unicodedata

from core.text import hidden

MAX_DEPTH = 32  # a questionnaire nests about ten levels deep
MAX_NUMBER_LENGTH = 20  # far beyond any limit a questionnaire sets, far below Python's 4,300 digits
BIDI_CLASSES = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|-?\d[\d.eE+-]*|NaN|-?Infinity')


def json_path(parts):
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


class _DoubledKeys(dict):
    """An object in which a key appears more than once; ``doubled`` names those keys."""

    doubled = ()


def _object(pairs):
    keys = [key for key, _value in pairs]
    doubled = sorted({key for key in keys if keys.count(key) > 1})
    result = _DoubledKeys(pairs) if doubled else dict(pairs)
    if doubled:
        result.doubled = doubled
    return result


def _place(text, offset):
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - text.rfind(chr(10), 0, offset)}"


def _decode(name, data):
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[start : error.start].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        return None, [f"{name}: line {line}, column {column}: byte 0x{byte:02X} is not UTF-8; save the file as UTF-8"]


def _token_problems(name, text):
    """Nesting and numbers, found before the parser would recurse or convert."""
    depth = 0
    for match in TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return [f"{name}: {_place(text, match.start())}: nested more than {MAX_DEPTH} levels deep"]
        elif token in "]}":
            depth -= 1
        elif token in ("NaN", "Infinity", "-Infinity"):
            return [f"{name}: {_place(text, match.start())}: {token} is not a JSON number"]
        elif token[0] != '"' and len(token) > MAX_NUMBER_LENGTH:
            return [
                f"{name}: {_place(text, match.start())}: a number of {len(token)} characters; "
                f"at most {MAX_NUMBER_LENGTH}"
            ]
    return []


def _bad_character(text):
    """The first character the admin's forms would refuse (``core.text``): files load only what they could store."""
    found = hidden(text, multiline=True)
    if not found:
        return None
    kind = "bidirectional control" if unicodedata.bidirectional(found[0]) in BIDI_CLASSES else "hidden character"
    return f"the {kind} U+{ord(found[0]):04X}"


def _content_problems(name, node, path=()):
    """Doubled keys, control characters in texts and numbers too large for a float, by JSON path."""
    problems = []
    if isinstance(node, dict):
        for key in getattr(node, "doubled", ()):
            problems.append(f"{name}: {json_path(path)}: the key “{key}” appears more than once")
        for key, value in node.items():
            found = _bad_character(key)
            if found:
                problems.append(f"{name}: {json_path(path)}: a key contains {found}")
            problems += _content_problems(name, value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            problems += _content_problems(name, value, (*path, index))
    elif isinstance(node, str):
        found = _bad_character(node)
        if found:
            problems.append(f"{name}: {json_path(path)}: the text contains {found}; remove it")
    elif isinstance(node, float) and node in (float("inf"), float("-inf")):
        problems.append(f"{name}: {json_path(path)}: the number is too large")
    return problems


def read_json(path):
    """The parsed document of the file at ``path`` and the problems found; ``None`` if it cannot be used."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [f"{name}: cannot be read: {error.strerror}"]
    text, problems = _decode(name, data)
    if problems:
        return None, problems
    problems = _token_problems(name, text)
    if problems:
        return None, problems
    try:
        document = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        return None, [f"{name}: line {error.lineno}, column {error.colno}: {error.msg}"]
    problems = _content_problems(name, document)
    return (None if problems else document), problems
