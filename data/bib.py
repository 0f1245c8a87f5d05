"""The one bibliography, ``book/references.bib``, as data: labels, links and per-chapter lists.

The book's bibliography page (``book/bibliography.ipynb``) lists every entry with the id
``cite-<key in lower case>`` (``bibtex_cite_id`` in ``_config.yml``); charts and chapter reference
lists link to those anchors.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

from .package import BIB_PATH

BIBLIOGRAPHY_PAGE = "bibliography.html"
# {cite}`a,b`, {cite:p}`a`, {cite:t}`a`, {cite:ps}`a` ... in MyST markdown
_CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def _latex_to_text(value: str) -> str:
    return value.replace("{", "").replace("}", "").replace("\\&", "&").replace("--", "–").strip()


@lru_cache(maxsize=4)
def entries(bib_path: Path = BIB_PATH) -> dict:
    """``{key: {author, title, outlet, year, date, url}}`` for every entry, in file order."""
    from pybtex.database import parse_file

    out = {}
    for key, entry in parse_file(str(bib_path), bib_format="bibtex").entries.items():
        fields = entry.fields
        persons = entry.persons.get("author", [])
        if persons:
            names = [" ".join(p.last_names) or str(p) for p in persons]
            author = names[0] if len(names) == 1 else (
                f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
        else:
            author = fields.get("organization") or fields.get("publisher", "")
        out[key] = {
            "author": _latex_to_text(author),
            "names": tuple(names) if persons else (),
            "title": _latex_to_text(fields.get("title", "")),
            "outlet": _latex_to_text(fields.get("journal") or fields.get("institution")
                                     or fields.get("publisher", "")),
            "year": fields.get("year", ""),
            "date": fields.get("date", ""),
            "url": fields.get("url", ""),
        }
    return out


def is_web_url(url: str) -> bool:
    return re.match(r"^https?://[^\s/]+", url or "") is not None


def anchor(key: str) -> str:
    """The id of ``key``'s entry on the bibliography page."""
    return "cite-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def author(key: str) -> str:
    """An entry's author as labels give it, in the edition's language (AFP and Reuters / AFP et
    Reuters)."""
    from .i18n import t

    text = entries()[key]["author"]
    return t(text, text.replace(" and ", " et ", 1)) if len(entries()[key]["names"]) == 2 else text


def label(key: str) -> str:
    """A short author-year label, e.g. ``UN Security Council (2023)``."""
    try:
        entry = entries()[key]
    except KeyError:
        raise KeyError(f"unknown bibliography key {key!r} (book/references.bib)") from None
    return f"{author(key)} ({entry['year']})"


def link_html(key: str) -> str:
    """An escaped HTML link from a key's label to its bibliography entry."""
    return (f'<a class="kidal-source" href="{BIBLIOGRAPHY_PAGE}#{anchor(key)}">'
            f"{html.escape(label(key))}</a>")


def split_keys(cells) -> list[str]:
    """Unique keys, in first-seen order, from an iterable of ``;``-separated cells or tuples."""
    seen: dict[str, None] = {}
    for cell in cells:
        items = cell if isinstance(cell, (tuple, list)) else str(cell).split(";")
        for key in items:
            if key:
                seen.setdefault(key.strip(), None)
    return list(seen)


def cited_in_notebook(path: Path | str) -> list[str]:
    """Keys cited with ``{cite...}`` roles in the markdown cells of a notebook, in order."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    keys: dict[str, None] = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for match in _CITE_ROLE.finditer(text):
            for key in match.group(1).split(","):
                keys.setdefault(key.strip(), None)
    return list(keys)


class ReferenceList:
    """A chapter's own reference list, rendered as HTML (and plain text for terminals)."""

    def __init__(self, keys):
        self.keys = sorted(set(keys), key=lambda k: (entries()[k]["author"].lower(),
                                                     entries()[k]["date"], k))

    def _repr_mimebundle_(self, include=None, exclude=None):
        items = []
        for key in self.keys:
            e = entries()[key]
            url = html.escape(e["url"])
            # only web addresses become links: a javascript: or data: url stays inert text
            link = (f'<a href="{url}" rel="noopener">{url}</a>' if is_web_url(e["url"]) else url)
            items.append(
                f'<li><a href="{BIBLIOGRAPHY_PAGE}#{anchor(key)}">{html.escape(author(key))}'
                f' ({html.escape(e["year"])})</a>. <cite>{html.escape(e["title"])}</cite>. '
                f'{html.escape(e["outlet"])}, {html.escape(e["date"])}. {link}</li>'
            )
        text = "\n".join(f"- {label(k)}: {entries()[k]['title']}" for k in self.keys)
        return {"text/html": '<ol class="kidal-references">' + "".join(items) + "</ol>",
                "text/plain": text}


def chapter_references(notebook: Path | str, extra_keys=()) -> ReferenceList:
    """The reference list of a chapter: what its prose cites plus ``extra_keys`` (its charts')."""
    path = Path(notebook)
    if not path.exists():  # a chapter run from another folder still finds its own text in book/
        path = BIB_PATH.parent / path.name
    keys = cited_in_notebook(path) + list(extra_keys)
    missing = [k for k in keys if k not in entries()]
    if missing:
        raise KeyError(f"{notebook}: unknown bibliography key(s): {', '.join(missing)}")
    return ReferenceList(keys)


# --- The hierarchy of evidence -------------------------------------------------------------
# Every entry's ``publisher`` is a row of data/publishers.csv, whose ``kind`` places the source
# in the book's hierarchy. An entry with a ``copyfrom`` field (a wire agency's copy carried by an
# unrelated outlet) counts as syndicated copy, whatever the outlet's kind.

#: Evidence classes, best first, with the publisher kinds each one holds.
EVIDENCE_CLASSES = {
    "primary or expert": ("intergovernmental", "government", "NGO or research"),
    "newsroom or wire agency": ("wire agency", "newspaper or broadcaster"),
    "state-controlled media": ("state-controlled media",),
    "aggregator or syndicated copy": ("aggregator or repost",),
}
SYNDICATED = "syndicated copy"


def _entry_lines(bib_path: Path) -> dict:
    """The line of ``@type{key,`` for every entry, for error messages."""
    lines = {}
    for number, line in enumerate(bib_path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"\s*@\w+\s*\{\s*([^,\s]+)\s*,", line)
        if match:
            lines[match.group(1)] = number
    return lines


@lru_cache(maxsize=4)
def evidence(bib_path: Path = BIB_PATH):
    """One row per bibliography entry: ``key``, ``publisher``, ``kind``, ``copyfrom``, ``evidence``.

    Raises :class:`data.DataError` naming the entry (its line in ``references.bib``) when its
    publisher is missing, not in ``data/publishers.csv``, or its url is not on one of the
    publisher's own hosts.
    """
    import pandas as pd
    from pybtex.database import parse_file

    from . import publishers
    from .package import DataError

    table = publishers().set_index("publisher")
    lines = _entry_lines(bib_path)
    rows = []
    for key, entry in parse_file(str(bib_path), bib_format="bibtex").entries.items():
        fields = entry.fields
        publisher = _latex_to_text(fields.get("publisher", ""))
        where = (str(bib_path), lines.get(key))
        if not publisher:
            raise DataError(*where, "publisher", "", f"entry {key} names no publisher")
        if publisher not in table.index:
            raise DataError(*where, "publisher", publisher,
                            f"entry {key}: publisher not in data/publishers.csv (add it with its kind)")
        host = re.sub(r"^https?://([^/:]+).*$", r"\1", fields.get("url", "")).lower()
        domains = table.at[publisher, "domains"]
        if host not in domains:
            raise DataError(*where, "url", fields.get("url", ""),
                            f"entry {key}: the url is not on a host of {publisher} "
                            f"({', '.join(domains)} in data/publishers.csv)")
        kind = table.at[publisher, "kind"]
        copyfrom = _latex_to_text(fields.get("copyfrom", ""))
        if copyfrom:
            klass = "aggregator or syndicated copy"
        else:
            klass = next(c for c, kinds in EVIDENCE_CLASSES.items() if kind in kinds)
        rows.append({"key": key, "publisher": publisher, "kind": kind, "copyfrom": copyfrom,
                     "evidence": klass})
    return pd.DataFrame(rows)


def citations(notebooks) -> "pd.DataFrame":
    """Every in-text citation of ``notebooks``: one row per key of each ``{cite}`` role, with the
    chapter (notebook stem) and the entry's evidence class."""
    import pandas as pd

    rows = []
    for path in notebooks:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for match in _CITE_ROLE.finditer("".join(cell["source"])):
                rows += [{"chapter": Path(path).stem, "key": k.strip()}
                         for k in match.group(1).split(",") if k.strip()]
    frame = pd.DataFrame(rows, columns=["chapter", "key"])
    classes = evidence().set_index("key")
    missing = sorted(set(frame["key"]) - set(classes.index))
    if missing:
        raise KeyError(f"cited but not in references.bib: {', '.join(missing)}")
    return frame.join(classes[["publisher", "kind", "copyfrom", "evidence"]], on="key")
