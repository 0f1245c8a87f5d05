"""Publication audits on the strict build: internal links and anchors, and valid HTML."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Nu Html Checker messages that the theme itself emits, not our content. Each entry is reviewed:
# keep it only while the theme (sphinx-book-theme 1.3.0 / pydata-sphinx-theme 0.17.1) emits it.
VNU_IGNORED: list[str] = []


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for attr in ("href", "src"):
            if attrs.get(attr) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[attr])


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "_static" not in p.parts]


def test_internal_links_and_anchors_resolve(strict_build: Path):
    parsed = {}
    for page in _pages(strict_build):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
    broken = []
    checked = 0
    for page, parser in parsed.items():
        for link in parser.links:
            url = urlparse(link)
            if url.scheme or link.startswith(("//", "mailto:", "javascript:", "data:")):
                continue
            path, fragment = urldefrag(link)
            path = path.split("?")[0]
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(strict_build)}: {link} (no such file)")
                continue
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _Links().ids
                if target in parsed and unquote(fragment) not in ids:
                    broken.append(f"{page.relative_to(strict_build)}: {link} (no such anchor)")
    assert checked > 50
    assert not broken, "\n".join(broken[:50])


def test_html_is_valid(strict_build: Path):
    pages = [str(p) for p in _pages(strict_build)]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages
              if m.get("type") == "error" and not any(i in m.get("message", "") for i in VNU_IGNORED)]
    report = "\n".join(f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message'][:200]}"
                       for m in errors[:40])
    assert not errors, f"{len(errors)} HTML errors:\n{report}"


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.icons: list[str] = []
        self.glossary_links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or attrs.get("property")):
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content") or ""
        if tag == "link" and "icon" in (attrs.get("rel") or ""):
            self.icons.append(attrs.get("href", ""))
        if tag == "a" and "kidal-glossary-link" in (attrs.get("class") or ""):
            self.glossary_links.append(attrs.get("href", ""))
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def _head(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _content_pages(site: Path) -> list[Path]:
    """Every page but the editions' root redirects, the index and search pages."""
    roots = (site, site / "fr")
    return [p for p in _pages(site) if p.parent not in roots and not p.name.startswith(("genindex", "search"))]


def test_every_page_has_description_open_graph_and_favicon(strict_build: Path):
    problems = []
    descriptions = {}
    for page in _content_pages(strict_build):
        head = _head(page)
        rel = str(page.relative_to(strict_build))
        for name in ("description", "og:title", "og:description", "og:type", "og:url"):
            if not head.meta.get(name, "").strip():
                problems.append(f"{rel}: no {name}")
        if not head.icons:
            problems.append(f"{rel}: no favicon link")
        descriptions[rel] = head.meta.get("description")
    assert not problems, "\n".join(problems)
    assert len(set(descriptions.values())) == len(descriptions), "pages share a description"


def test_sitemap_lists_every_page(strict_build: Path):
    import xml.etree.ElementTree as ET

    tree = ET.parse(strict_build / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    listed = {urlparse(u).path.lstrip("/") for u in locs}
    pages = {str(p.relative_to(strict_build)) for p in _content_pages(strict_build)}
    assert pages <= listed, f"missing from sitemap.xml: {sorted(pages - listed)}"
    assert all(urlparse(u).scheme in ("http", "https") for u in locs)
    assert "Sitemap:" in (strict_build / "robots.txt").read_text(encoding="utf-8")


def test_glossary_has_every_actor_and_chapters_link_to_it(strict_build: Path):
    import data

    glossary = _head(strict_build / "book" / "glossary.html")
    actors = set(data.actors()["actor_id"])
    missing = {a for a in actors if f"actor-{a}" not in glossary.ids}
    assert not missing, f"glossary lacks entries for {sorted(missing)}"
    chapters = [strict_build / f"{p.with_suffix('.html')}" for p in _chapter_notebooks()]
    assert chapters
    for page in chapters:
        links = _head(page).glossary_links
        assert links, f"{page.name} links no actor to the glossary"
        for link in links:
            assert link.startswith("glossary.html#actor-") and link.split("#actor-")[1] in actors, link


def _chapter_notebooks() -> list[Path]:
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "Chapters")
    return [Path(c["file"]) for c in part["chapters"] if (ROOT / f"{c['file']}.ipynb").exists()]


def test_root_redirect_has_favicon(strict_build: Path):
    """The root page only redirects, but the browser still asks it for an icon: without a link
    it requests /favicon.ico and logs a 404."""
    head = _head(strict_build / "index.html")
    assert head.icons and all((strict_build / icon).exists() for icon in head.icons), head.icons
