"""Which plugins are enabled, and whether their declared needs are met.

Read by the settings before Django is set up. A plugin's needs live in its
``apps.py`` (``requires = ("intake",)``); this module loads that file by name
only, so ``config/`` never imports a particular plugin.
"""

import importlib
from pathlib import Path

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured

PLUGINS_DIR = Path(__file__).resolve().parent.parent / "plugins"


def available_plugins():
    return sorted(
        path.name for path in PLUGINS_DIR.iterdir() if (path / "apps.py").is_file() and not path.name.startswith("_")
    )


def plugin_config_class(name):
    module = importlib.import_module(f"plugins.{name}.apps")
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and issubclass(value, AppConfig)
            and value is not AppConfig
            and getattr(value, "name", None) == f"plugins.{name}"
        ):
            return value
    raise ImproperlyConfigured(f"plugins/{name}/apps.py defines no AppConfig named 'plugins.{name}'")


def parse_plugin_list(value):
    """Turn the CLEARING_PLUGINS text into plugin names, checked for existence and needs."""
    names = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    known = available_plugins()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ImproperlyConfigured(
            f"CLEARING_PLUGINS: unknown plugin {', '.join(repr(n) for n in unknown)} (available: {', '.join(known)})"
        )
    enabled = list(dict.fromkeys(names))
    for name in enabled:
        missing = [need for need in plugin_config_class(name).requires if need not in enabled]
        if missing:
            raise ImproperlyConfigured(
                f"CLEARING_PLUGINS: plugin '{name}' needs {', '.join(repr(m) for m in missing)}, "
                f"which is not enabled (enabled: {', '.join(enabled) or 'none'})"
            )
    return enabled
