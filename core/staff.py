"""Staff members as people read them: the full name, the login name only where no name is set."""

import django_filters
from django import forms


def staff_name(user):
    """The full name ("Petra Schulze"), else the login name; empty for no user."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class StaffChoiceField(forms.ModelChoiceField):
    """A choice of staff members (e.g. a list filter) labelled with their names."""

    def label_from_instance(self, obj):
        return staff_name(obj)


class StaffChoiceFilter(django_filters.ModelChoiceFilter):
    """A list filter by staff member (clerk, actor), offering names rather than logins."""

    field_class = StaffChoiceField
