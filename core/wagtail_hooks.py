from wagtail import hooks

from .hooks import BOOTSTRAP
from .roles import sync_roles


@hooks.register(BOOTSTRAP, order=0)
def bootstrap_roles(*, demo, stdout):
    created = sync_roles()
    stdout.write(f"Roles: {len(created)} created, permissions synchronised.")
