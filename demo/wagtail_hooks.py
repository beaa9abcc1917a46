from wagtail import hooks

from core.contracts import DemoRequest
from core.hooks import BOOTSTRAP, DEMO_DATA

from .users import ensure_demo_users

BOOTSTRAP_ARRIVALS = 240  # enough to fill every list, filter and status on a fresh `make run`


def seed_every_app(request, stdout):
    """Every app's demo data, in hook order."""
    for contribute in hooks.get_hooks(DEMO_DATA):
        contribute(request, stdout)


@hooks.register(BOOTSTRAP, order=1000)
def bootstrap_demo(*, demo, stdout):
    """After every app's defaults: demo logins, then each app's demo data the first time only."""
    if demo:
        ensure_demo_users(stdout)
        seed_every_app(DemoRequest(arrivals=BOOTSTRAP_ARRIVALS, once=True), stdout)
