"""``{{ user|staff_name }}`` in templates: see ``core.staff``."""

from django import template

from core import staff

register = template.Library()
register.filter("staff_name", staff.staff_name)
