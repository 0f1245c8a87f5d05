"""The one bibliography: complete entries, original publishers, every key used and resolved."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent
BIB = parse_file(str(ROOT / "book" / "references.bib"), bib_format="bibtex")
KEY = re.compile(r"^[A-Z][A-Za-z0-9]*?(?:19|20)\d{2}[a-z][a-z0-9]*$")  # AuthorYYYYword (France24, GCR2P ...)
# Mirrors, aggregators, reposts, third-party translations, caches and encyclopedias: never cited.
# Never cited: mirrors, archives, encyclopedias, search engines and sites that copy without a
# licence. Licensed syndicators and news aggregators (AllAfrica, Yahoo News, aBamako, PressAfrik...)
# may carry a wire or newsroom original that is readable nowhere else: they are allowed, classed as
# syndicated copy (data/publishers.csv: "aggregator or repost"), name the original in `copyfrom` or
# their note, and are capped as a share of the chapters' citations (tests/test_evidence.py).
BANNED_HOSTS = ("bamada.net", "oodaloop.com", "countervortex.org",
                "africatopsuccess.com", "medafricatimes.com", "internazionale.it",
                "spamchronicles.com", "msn.com", "archive.org",
                "archive.ph", "wikipedia.org", "wikiwand.com", "dweb.link", "richxsearch.com",
                "newsnow.co.uk", "google.com", "bing.com")


def test_enough_distinct_sources():
    urls = {e.fields["url"] for e in BIB.entries.values()}
    assert len(BIB.entries) >= 60 and len(urls) == len(BIB.entries), "duplicate urls or too few sources"


@pytest.mark.parametrize("key", list(BIB.entries))
def test_entry_is_complete_and_original(key):
    entry = BIB.entries[key]
    f = entry.fields
    assert KEY.match(key), f"{key}: keys follow AuthorYYYYword"
    assert entry.persons.get("author"), f"{key}: no author"
    for field in ("title", "year", "date", "url", "urldate"):
        assert f.get(field, "").strip(), f"{key}: no {field}"
    assert any(f.get(x) for x in ("journal", "publisher", "institution", "organization")), key
    if f["date"] == "n.d.":  # an undated page: its note must say so
        assert f["year"] == "n.d." and "ndated" in f.get("note", ""), f"{key}: undated, say so in its note"
    else:
        assert re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", f["date"]), f"{key}: date {f['date']!r}"
        assert f["date"].startswith(f["year"]), f"{key}: date and year disagree"
    url = urlsplit(f["url"])
    assert url.scheme == "https" or url.scheme == "http", f"{key}: url {f['url']!r}"
    host = url.netloc.lower()
    assert not host.endswith(".") and "\\" not in f["url"], f"{key}: malformed url {f['url']!r}"
    assert not any(host == b or host.endswith("." + b) for b in BANNED_HOSTS), \
        f"{key}: {host} is a mirror, aggregator or encyclopedia; cite the original publisher"


def _used_keys() -> set[str]:
    import data

    used: set[str] = set()
    for table in data.TABLES:
        frame = data.load(table)
        for cell in (frame["sources"] if "sources" in frame else ()):
            used |= set(cell)
    for cell in data.claims()["evidence"]:
        used |= set(cell or ())
    used |= {"Doukhan2023kidal"}
    for footnote in data.load_seed("footnotes").itertuples():
        used |= set(footnote.bib_keys or ())
    for nb in (ROOT / "book").glob("*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        for group in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", text):
            used |= {k.strip() for k in group.split(",")}
    return used


def test_every_entry_is_used_and_every_cited_key_resolves():
    used = _used_keys()
    unknown = used - set(BIB.entries)
    unused = set(BIB.entries) - used
    assert not unknown, f"cited but not in references.bib: {sorted(unknown)}"
    assert not unused, f"in references.bib but cited nowhere: {sorted(unused)}"
