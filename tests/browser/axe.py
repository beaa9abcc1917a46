"""axe-core from npm (``package.json``, pinned by ``package-lock.json``, installed by ``make test``), in the page."""

import json
from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core"


def axe_source():
    """The pinned axe-core build; a missing one says how to install it instead of skipping the check."""
    script = AXE / "axe.min.js"
    if not script.exists():
        raise RuntimeError(f"{script} is missing: run `npm ci` (make test does) in the project directory")
    return script.read_text(encoding="utf-8")


def pinned_version():
    return json.loads((AXE / "package.json").read_text(encoding="utf-8"))["version"]


def barriers(page):
    """axe-core's serious and critical violations on the page, as (rule, how many elements)."""
    page.add_script_tag(content=axe_source())
    response = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert response["testEngine"] == {"name": "axe-core", "version": pinned_version()}
    assert response["url"] == page.url
    violations = response["violations"]
    return [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
