from wagtail import hooks

from core.hooks import BOOTSTRAP

from .bootstrap import ensure_home_pages, ensure_locales


@hooks.register(BOOTSTRAP, order=10)
def bootstrap_pages(*, demo, stdout):
    ensure_locales()
    created = ensure_home_pages()
    stdout.write(f"Pages: {created} home page translations created.")
