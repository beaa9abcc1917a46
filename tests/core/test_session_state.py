"""The run starts from what bootstrap builds now, not from rows a kept database (``--reuse-db``) held over."""

import pytest
from django.contrib.auth.models import Group

from core.roles import declared_permissions

pytestmark = pytest.mark.django_db


def test_each_role_holds_exactly_what_is_declared_now():
    """A permission since taken from a role's declaration must be gone, not left over from an earlier run."""
    for role, names in declared_permissions().items():
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == names, role
