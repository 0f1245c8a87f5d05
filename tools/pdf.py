"""`make pdf`: the book as one PDF, printed by Debian's Chromium from the built site.

    python tools/pdf.py [--lang en|fr] [--site _build/html] [--out _build/pdf/kidal.pdf]

``--lang fr`` prints the French edition (the pages under ``fr/``) with a French title page into
``_build/pdf/kidal-fr.pdf`` and publishes it as ``fr/kidal.pdf``; ``make pdf`` prints every
edition of ``KIDAL_EDITIONS``.

1. Serves the built site on 127.0.0.1 (a free port) and opens every page of ``_toc.yml`` in
   reading order in Chromium (playwright, ``/usr/bin/chromium``), in light mode and print media,
   at the width of an A4 page's text column. Every chart is scrolled into view and waited for
   until plotly.js has drawn its SVG; every ``<details>`` (the charts' text descriptions) is
   opened. A request to any other host is blocked and fails the run, as does a page error, a
   console error or an HTTP error.
2. Prints each page with ``page.pdf`` (A4, backgrounds, margins; the page title at the top and the
   book's continuous page number at the bottom, as CSS page-margin boxes, so the numbers run on
   from page to page). The site's own print stylesheet (``book/_static/kidal.css``, media print)
   hides the navigation, sidebars, search and buttons and keeps charts within the page.
3. Prints a title page (the title, the edition's version and date from CITATION.cff, how to cite)
   and a contents page, and merges everything with pypdf: an outline entry per page and per
   section, links between pages turned into links inside the PDF (citations land on their
   bibliography entry), links to other sites kept. A link to a file of the site that is not in
   the PDF (a notebook download) points to ``KIDAL_BASEURL`` when it is set, and is dropped
   (its text stays) when it is not, since the preview address means nothing in a shared file.
4. Writes ``_build/pdf/kidal.pdf`` and ``_build/pdf/kidal.json`` (pages, bytes, edition, charts
   drawn per page), copies both into the site (``kidal.pdf``, ``kidal.pdf.json``) and fills the
   "PDF edition" paragraph of the built ``book/cite.html`` with the link and the file's size.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import io
import json
import re
import shutil
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# A4 with these margins leaves a text column of 178 mm, 672 CSS pixels: the width the pages are
# laid out and the charts drawn at, so that what is drawn is what is printed.
MARGINS = {"top": "18mm", "right": "16mm", "bottom": "18mm", "left": "16mm"}
COLUMN_PX = 672
CHART_TIMEOUT_MS = 30000
# The title page's and the outline's words, per edition.
WORDS = {
    "en": {"running": "The Battle of Kidal", "edition": "PDF edition of version {version}, released {date}.",
           "license": "Text and data under {license}; code under the MIT License.",
           "cite": "How to cite", "contents": "Contents", "outline": "Title page and how to cite",
           "numbers": "Every number in this edition is computed from the book's data tables and glued into the "
                      "text, as on the website it is printed from; every chart names its sources beneath it.",
           "subject": "PDF edition of version {version}, released {date}",
           "line": '<a href="../kidal.pdf">The Battle of Kidal, PDF edition</a> (version {version}, released '
                   '{date}): {pages} A4 pages, {size}, with an outline, page numbers and working links; printed '
                   'from this site by <code>make pdf</code>.'},
    "fr": {"running": "La bataille de Kidal", "title": "La bataille de Kidal\u00a0: une publication analytique exécutable",
           "edition": "Édition PDF de la version {version}, publiée le {date}.",
           "license": "Texte et données sous licence {license} ; code sous licence MIT.",
           "cite": "Comment citer", "contents": "Sommaire", "outline": "Page de titre et comment citer",
           "message": "Si vous utilisez ce livre ou ses données, merci de le citer comme suit.",
           "plain": "{authors} ({year}). {title}. Version {version}, publiée le {date}.",
           "numbers": "Chaque nombre de cette édition est calculé à partir des tables de données du livre et "
                      "inséré dans le texte, comme sur le site dont elle est imprimée ; chaque graphique nomme "
                      "ses sources sous lui.",
           "subject": "Édition PDF de la version {version}, publiée le {date}",
           "line": '<a href="../kidal.pdf">La bataille de Kidal, édition PDF</a> (version {version}, publiée '
                   'le {date}) : {pages} pages A4, {size}, avec un sommaire, des numéros de page et des liens '
                   'actifs ; imprimée à partir de ce site par <code>make pdf</code>.'},
}
PDF_MARKER = re.compile(r'(<div class="kidal-pdf-edition[^"]*"[^>]*>\s*<p>)(.*?)(</p>)', re.S)


def prefix(lang: str) -> str:
    """Where an edition's pages are in the built site: the English at its root, the French in fr/."""
    return "" if lang == "en" else f"{lang}/"


def book_pages(root: Path = ROOT, lang: str = "en") -> list[str]:
    """Every page of _toc.yml in reading order, as paths of the built site (book/x.html, or
    fr/book/x.html for the French edition)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f"{prefix(lang)}{f}.html" for f in files]


def human_size(n: int, lang: str = "en") -> str:
    if lang == "fr":
        return (f"{n / 1_000_000:.1f} Mo" if n >= 1_000_000 else f"{round(n / 1000)} ko").replace(".", ",")
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{round(n / 1000)} kB"


def citation(lang: str = "en") -> dict:
    """The edition and how to cite it, from CITATION.cff (data.book.edition for version and date);
    in French, the French title, message and abstract (the landing page's French description)."""
    from data.book import edition

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    ed = edition()
    authors = ", ".join(a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip()
                        for a in cff["authors"])
    year = ed["date"][:4]
    out = {"title": cff["title"], "authors": authors, "year": year, "version": ed["version"],
           "date": ed["date"], "license": cff.get("license", ""), "abstract": " ".join(cff.get("abstract", "").split()),
           "message": cff.get("message", ""), "lang": lang, "date_text": ed["date"],
           "plain": f"{authors} ({year}). {cff['title']}. Version {ed['version']}, released {ed['date']}."}
    if lang == "fr":
        from data.i18n import catalogue, date

        words = WORDS["fr"]
        index = json.loads((ROOT / "book" / "index.ipynb").read_text(encoding="utf-8"))["metadata"]["description"]
        import datetime

        date_text = date(datetime.date.fromisoformat(ed["date"]), language="fr")
        out.update(title=words["title"], message=words["message"], date_text=date_text,
                   abstract=catalogue("notebooks", "descriptions")[("index", index)],
                   plain=words["plain"].format(authors=authors, year=year, title=words["title"],
                                               version=ed["version"], date=date_text))
    return out


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_css(title: str | None, first_number: int | None, lang: str = "en") -> str:
    """@page rules: A4, margins, the running title and the continuous page number."""
    margins = " ".join(MARGINS[k] for k in ("top", "right", "bottom", "left"))
    boxes = ""
    if title is not None:
        boxes = (f"@top-right {{ content: {_css_string(title)}; font: 8pt system-ui, sans-serif; color: #555; }}"
                 f"@top-left {{ content: {_css_string(WORDS[lang]['running'])}; font: 8pt system-ui, sans-serif; color: #555; }}"
                 "@bottom-center { content: counter(page); font: 9pt system-ui, sans-serif; color: #333; }")
    first = f"@page :first {{ counter-increment: page {first_number}; }}" if first_number else ""
    return f"@page {{ size: A4; margin: {margins}; {boxes} }} {first}"


def title_page_html(cite: dict, contents: list[tuple[str, str, int]], origin: str) -> str:
    """The title page and the contents; links point to the site's pages and become internal."""
    rows = "".join(f'<li><a href="{origin}/{html.escape(path)}">{html.escape(title)}</a>'
                   f'<span class="dots"></span><span class="n">{number}</span></li>'
                   for path, title, number in contents)
    bibtex = ("@misc{KidalBook" + cite["year"] + "battle,\n"
              f"  author  = {{{{{cite['authors']}}}}},\n  title   = {{{cite['title']}}},\n"
              f"  year    = {{{cite['year']}}},\n  version = {{{cite['version']}}},\n"
              f"  date    = {{{cite['date']}}}\n}}")
    title, _, subtitle = re.split(r"(\s?: )", cite["title"], maxsplit=1)
    words = WORDS[cite["lang"]]
    license_name = cite['license'].replace('CC-BY-4.0', 'CC BY 4.0')
    return f"""<!DOCTYPE html><html lang="{cite['lang']}"><head><meta charset="utf-8"><title>{html.escape(cite['title'])}</title>
<style>{page_css(None, None)}
body {{ font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: #222; }}
.cover {{ padding-top: 45mm; }}
h1 {{ font-size: 30pt; margin: 0 0 4mm; line-height: 1.15; }}
.subtitle {{ font-size: 15pt; color: #444; margin: 0 0 14mm; }}
.edition {{ font-size: 12pt; border-top: 2px solid #0072B2; padding-top: 4mm; margin-bottom: 12mm; }}
.abstract {{ font-size: 11pt; line-height: 1.5; max-width: 150mm; }}
h2 {{ font-size: 13pt; margin: 10mm 0 3mm; }}
.cite {{ font-size: 10.5pt; line-height: 1.5; }}
pre {{ font-size: 9pt; background: #f4f4f4; padding: 3mm; white-space: pre-wrap; }}
.contents {{ break-before: page; }}
.contents ol {{ list-style: none; padding: 0; font-size: 11.5pt; }}
.contents li {{ display: flex; gap: 2mm; margin: 2.2mm 0; }}
.contents li .dots {{ flex: 1; border-bottom: 1px dotted #999; margin-bottom: 1.2mm; }}
a {{ color: #0b5ea8; text-decoration: none; }}
</style></head><body>
<section class="cover">
<h1>{html.escape(title)}</h1>
<p class="subtitle">{html.escape(subtitle)}</p>
<p class="edition">{html.escape(words['edition'].format(version=cite['version'], date=cite['date_text']))}<br>
{html.escape(cite['authors'])}. {html.escape(words['license'].format(license=license_name))}</p>
<p class="abstract">{html.escape(cite['abstract'])}</p>
<h2>{html.escape(words['cite'])}</h2>
<p class="cite">{html.escape(cite['message'])}</p>
<p class="cite">{html.escape(cite['plain'])}</p>
<pre>{html.escape(bibtex)}</pre>
<p class="cite">{html.escape(words['numbers'])}</p>
</section>
<section class="contents"><h2>{html.escape(words['contents'])}</h2><ol>{rows}</ol></section>
</body></html>"""


PREPARE_JS = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const ids = new Set();
  document.querySelectorAll('.bd-article [id], .bd-article section[id]').forEach(e => ids.add(e.id));
  // Chromium writes a named destination for every element that a link of the same page targets:
  // hidden links to every id give each one a destination, so links from other pages can land there.
  const box = document.createElement('div');
  box.hidden = true;
  ids.forEach(id => { const a = document.createElement('a'); a.href = '#' + id; box.appendChild(a); });
  document.body.appendChild(box);
  const h1 = document.querySelector('.bd-article h1');
  const title = h1 ? Array.from(h1.childNodes).filter(n => !(n.classList && n.classList.contains('headerlink')))
                       .map(n => n.textContent).join('').trim() : document.title;
  const sections = Array.from(document.querySelectorAll('.bd-article section[id] > h2'))
    .filter(h => h.getClientRects().length)
    .map(h => ({id: h.parentElement.id, title: Array.from(h.childNodes)
      .filter(n => !(n.classList && n.classList.contains('headerlink'))).map(n => n.textContent).join('').trim()}));
  return {title, sections, ids: ids.size};
}"""


# Charts and tables that would be cut off at the page's right edge.
WIDE_JS = """column => Array.from(document.querySelectorAll('.bd-article .kidal-plotly svg.main-svg, .bd-article table'))
  .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > column + 1)
  .map(e => (e.closest('[id]') || e).id + ' ' + Math.round(e.getBoundingClientRect().width) + 'px')"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def print_pages(site: Path, paths: list[str], cite: dict) -> tuple[bytes, list[dict], str]:
    """Print the title page and every page; return the title PDF and one record per page."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    problems: list[str] = []
    records: list[dict] = []

    def count(pdf: bytes) -> int:
        return len(PdfReader(io.BytesIO(pdf)).pages)

    def pdf_of(page) -> bytes:
        return page.pdf(format="A4", print_background=True, prefer_css_page_size=True, margin=MARGINS)

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            context = browser.new_context(viewport={"width": COLUMN_PX, "height": 1000},
                                          color_scheme="light", reduced_motion="reduce")

            def route(r):
                url = urlparse(r.request.url)
                if url.scheme in ("http", "https", "ws", "wss") and f"{url.scheme}://{url.netloc}" != origin:
                    problems.append(f"request to another host blocked: {r.request.url}")
                    return r.abort()
                return r.continue_()

            context.route("**/*", route)
            page = context.new_page()
            page.on("pageerror", lambda e: problems.append(f"{page.url}: page error {e}"))
            page.on("console", lambda m: problems.append(f"{page.url}: console error {m.text}")
                    if m.type == "error" else None)
            page.on("response", lambda r: problems.append(f"HTTP {r.status} for {r.url}")
                    if r.status >= 400 else None)
            page.emulate_media(media="print", color_scheme="light")

            # The title page's length, with placeholder numbers, fixes where the book begins.
            page.set_content(title_page_html(cite, [(p_, "x" * 30, 999) for p_ in paths], origin))
            title_pages = count(pdf_of(page))
            number = title_pages + 1
            for rel in paths:
                started = time.perf_counter()
                page.goto(f"{origin}/{rel}", wait_until="load")
                charts = page.locator(".kidal-plotly")
                n_charts = charts.count()
                for i in range(n_charts):
                    chart = charts.nth(i)
                    chart.scroll_into_view_if_needed()
                    page.wait_for_function(
                        "el => el.dataset.rendered === '1' && el.querySelector('svg.main-svg') !== null",
                        arg=chart.element_handle(), timeout=CHART_TIMEOUT_MS)
                page.wait_for_load_state("networkidle")
                drawn = page.evaluate("Array.from(document.querySelectorAll('.kidal-plotly'))"
                                      ".filter(d => d.querySelector('svg.main-svg')).length")
                if drawn != n_charts:
                    problems.append(f"{rel}: {drawn} of {n_charts} charts drawn")
                wide = page.evaluate(WIDE_JS, COLUMN_PX)
                if wide:
                    problems.append(f"{rel}: wider than the page's text column ({COLUMN_PX}px): {wide}")
                info = page.evaluate(PREPARE_JS)
                page.add_style_tag(content=page_css(info["title"], number, cite["lang"]))
                page.evaluate("window.scrollTo(0, 0)")
                page.evaluate("document.fonts.ready")
                pdf = pdf_of(page)
                pages = count(pdf)
                records.append({"path": rel, "title": info["title"], "sections": info["sections"],
                                "charts": n_charts, "charts_drawn": drawn, "first_page": number,
                                "pages": pages, "pdf": pdf,
                                "seconds": round(time.perf_counter() - started, 1)})
                print(f"pdf: {rel}: {pages} pages from p. {number}, {drawn}/{n_charts} charts", flush=True)
                number += pages
            contents = [(r["path"], r["title"], r["first_page"]) for r in records]
            page.set_content(title_page_html(cite, contents, origin))
            title_pdf = pdf_of(page)
            if count(title_pdf) != title_pages:
                problems.append(f"the title pages grew from {title_pages} to {count(title_pdf)} pages")
            context.close()
            browser.close()
    finally:
        server.shutdown()
    if problems:
        sys.exit("pdf: FAILED\n" + "\n".join(dict.fromkeys(problems)))
    return title_pdf, records, origin


def merge(title_pdf: bytes, records: list[dict], origin: str, cite: dict, public: str | None):
    """One PDF: pages in order, outline, links between pages resolved inside the document."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject, NullObject,
                               NumberObject, TextStringObject)

    writer = PdfWriter()
    parts = [{"path": None, "pdf": title_pdf}] + records
    by_path: dict[str, dict] = {}
    for part in parts:
        reader = PdfReader(io.BytesIO(part["pdf"]))
        part["start"] = len(writer.pages)
        for pg in reader.pages:
            writer.add_page(pg)
        # named destinations of this part: name -> (page index in the merged file, top)
        part["dests"] = {}
        for name, dest in reader.named_destinations.items():
            index = reader.get_destination_page_number(dest)
            part["dests"][name.lstrip("/")] = (part["start"] + index, float(dest.top or 0))
        if part["path"]:
            by_path[part["path"]] = part

    def target(part: dict | None, fragment: str):
        if part is None:
            return None
        if fragment and unquote(fragment) in part["dests"]:
            return part["dests"][unquote(fragment)]
        if fragment:
            missing.append(f"{part['path']}#{fragment}")
        return (part["start"], None)

    def goto(index: int, top: float | None):
        page = writer.pages[index]
        return ArrayObject([page.indirect_reference, NameObject("/XYZ"), NullObject(),
                            FloatObject(top) if top is not None else FloatObject(float(page.mediabox.top)),
                            NullObject()])

    missing: list[str] = []
    stats = {"internal": 0, "external": 0, "to_public_site": 0, "dropped": 0}
    for part in parts:
        for index in range(part["start"], part["start"] + len(PdfReader(io.BytesIO(part["pdf"])).pages)):
            page = writer.pages[index]
            keep = []
            for ref in page.get("/Annots", []) or []:
                annot = ref.get_object()
                if annot.get("/Subtype") != "/Link":
                    keep.append(ref)
                    continue
                action = annot.get("/A")
                dest = None
                if "/Dest" in annot:                     # a link within the same page of the site
                    name = annot["/Dest"]
                    if isinstance(name, str):
                        dest = target(part, str(name).lstrip("/"))
                elif action is not None and action.get("/S") == "/URI":
                    url = str(action["/URI"])
                    if url.startswith(origin + "/") or url == origin:
                        path, fragment = urldefrag(url[len(origin):].lstrip("/"))
                        path = path or "index.html"
                        if path in ("index.html", f"{prefix(cite['lang'])}index.html", prefix(cite["lang"])):
                            path = f"{prefix(cite['lang'])}book/index.html"
                        if path in by_path:
                            dest = target(by_path[path], fragment)
                        elif public:
                            action[NameObject("/URI")] = TextStringObject(public + url[len(origin) + 1:])
                            stats["to_public_site"] += 1
                            keep.append(ref)
                            continue
                        else:
                            stats["dropped"] += 1
                            continue
                    else:
                        stats["external"] += 1
                        keep.append(ref)
                        continue
                elif action is not None and action.get("/S") == "/GoTo" and isinstance(action.get("/D"), str):
                    dest = target(part, str(action["/D"]).lstrip("/"))
                if dest is None:
                    keep.append(ref)
                    continue
                annot.pop("/A", None)
                annot[NameObject("/Dest")] = goto(*dest)
                stats["internal"] += 1
                keep.append(ref)
            if "/Annots" in page:
                page[NameObject("/Annots")] = ArrayObject(keep)

    stats["unresolved_anchors"] = len(missing)
    if missing:
        print("pdf: links to anchors with no destination (they land on the page's first page): "
              + ", ".join(sorted(set(missing))[:10]), file=sys.stderr)
    from pypdf.generic import Fit

    writer.add_outline_item(title=WORDS[cite["lang"]]["outline"], page_number=0)
    for part in records:
        parent = writer.add_outline_item(title=part["title"], page_number=part["start"])
        for section in part["sections"]:
            where = part["dests"].get(section["id"])
            if where:
                writer.add_outline_item(title=section["title"], page_number=where[0], parent=parent,
                                        fit=Fit.xyz(top=where[1]))
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": cite["title"], "/Author": cite["authors"],
                         "/Subject": WORDS[cite["lang"]]["subject"].format(version=cite["version"], date=cite["date_text"]),
                         "/Keywords": "Mali, Kidal, Sahel, MINUSMA, Algiers accord",
                         "/Creator": "tools/pdf.py (Chromium, pypdf)"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(cite["lang"])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), stats


def publish(site: Path, out: Path, summary: dict, lang: str = "en") -> None:
    """Copy the PDF and its summary into the edition's part of the site (kidal.pdf, or
    fr/kidal.pdf); fill the "PDF edition" paragraph of the edition's cite.html."""
    root = site / prefix(lang)
    shutil.copy2(out, root / "kidal.pdf")
    (root / "kidal.pdf.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    cite_page = root / "book" / "cite.html"
    text = cite_page.read_text(encoding="utf-8")
    line = WORDS[lang]["line"].format(version=html.escape(summary["version"]), date=html.escape(summary["date_text"]),
                                      pages=summary["pages"], size=html.escape(summary["size"]))
    new, n = PDF_MARKER.subn(lambda m: m.group(1) + line + m.group(3), text, count=1)
    if n != 1:
        sys.exit(f"pdf: no kidal-pdf-edition paragraph in {cite_page}")
    cite_page.write_text(new, encoding="utf-8")


def main(argv=None) -> int:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--lang", choices=sorted(WORDS), default="en", help="the edition to print")
    parser.add_argument("--out", type=Path, help="default: _build/pdf/kidal.pdf (kidal-fr.pdf in French)")
    parser.add_argument("--no-publish", action="store_true", help="do not copy the PDF into the site")
    args = parser.parse_args(argv)
    lang = args.lang
    args.out = args.out or ROOT / "_build" / "pdf" / ("kidal.pdf" if lang == "en" else f"kidal-{lang}.pdf")
    site = args.site.resolve()
    if not (site / prefix(lang) / "book" / "index.html").exists():
        sys.exit(f"pdf: no built {lang} edition in {site / prefix(lang)} (run make book)")
    started = time.perf_counter()
    cite = citation(lang)
    paths = book_pages(lang=lang)
    missing = [p for p in paths if not (site / p).exists()]
    if missing:
        sys.exit(f"pdf: pages missing from the site: {missing}")
    title_pdf, records, origin = print_pages(site, paths, cite)
    public = os.environ.get("KIDAL_BASEURL", "").rstrip("/")
    data, stats = merge(title_pdf, records, origin, cite, public + "/" if public else None)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    from pypdf import PdfReader

    total = len(PdfReader(io.BytesIO(data)).pages)
    summary = {"file": "kidal.pdf", "lang": lang, "bytes": len(data), "size": human_size(len(data), lang), "pages": total,
               "version": cite["version"], "date": cite["date"], "date_text": cite["date_text"], "links": stats,
               "seconds": round(time.perf_counter() - started, 1),
               "parts": [{k: r[k] for k in ("path", "title", "first_page", "pages", "charts", "charts_drawn")}
                         for r in records]}
    args.out.with_suffix(".json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    if not args.no_publish:
        publish(site, args.out, summary, lang)
    print(f"pdf: wrote {args.out} ({total} pages, {summary['size']}, {summary['seconds']} s; links: "
          + ", ".join(f"{k} {v}" for k, v in stats.items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
