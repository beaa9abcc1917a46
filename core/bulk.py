"""Rows written in bulk (demo data, imports): few statements per batch whatever the number of rows."""

from django.db import connection


def restamp(model, objects, names, rows):
    """Write ``rows`` (one tuple of values per object) into ``names``: one UPDATE, executed for many rows.

    ``bulk_create`` sets ``auto_now``/``auto_now_add`` fields to the current
    time whatever the object holds; the demo's times are written afterwards.
    """
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    params = []
    for obj, values in zip(objects, rows, strict=True):
        for f, value in zip(fields, values, strict=True):
            setattr(obj, f.attname, value)
        params.append([f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)] + [obj.pk])
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
