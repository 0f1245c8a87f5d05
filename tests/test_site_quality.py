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
