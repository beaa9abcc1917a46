"""How staff are named on screens: by their full name, the login name only where none is set."""


def staff_name(user):
    """A colleague's full name (the login name is a technical detail); "" for no user."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
