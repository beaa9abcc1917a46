from wagtail import hooks

from .hooks import BOOTSTRAP
from .panels import RolesPanel
from .roles import sync_roles


@hooks.register(BOOTSTRAP, order=0)
def bootstrap_roles(*, demo, stdout):
    created = sync_roles()
    stdout.write(f"Roles: {len(created)} created, permissions synchronised.")


@hooks.register("construct_homepage_panels")
def add_roles_panel(request, panels):
    panels.append(RolesPanel(request.user))
