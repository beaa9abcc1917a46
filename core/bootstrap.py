"""Runs every app's bootstrap step, in hook order."""

from wagtail import hooks

from .hooks import BOOTSTRAP


def run_bootstrap(*, demo, stdout):
    for step in hooks.get_hooks(BOOTSTRAP):
        step(demo=demo, stdout=stdout)
