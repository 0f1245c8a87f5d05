"""Measure chapters against the book's bar: words, charts, citations, sources, typed numbers.

    python tools/chapter_stats.py book/background.ipynb [...]   # a table, one row per chapter

A chapter's words are those of its markdown cells (MyST roles and directives' options removed);
its charts are the ``kidal-chart`` figures in its stored outputs; its citations are the keys of
its ``{cite}`` roles, counted once per role item. ``typed_numbers`` lists numbers written into the
prose by hand: everything but years, day-of-month dates, document numbers (resolution 2690,
S/2023/1234, Article 6) and list ordinals must be glued from the data.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
ROLE = re.compile(r"\{[a-z:\-]+\}`[^`]*`")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
ALLOWED_NUMBERS = [
    re.compile(rf"\b\d{{1,2}}(?:\s*(?:and|to|–|-)\s*\d{{1,2}})?\s+(?:{MONTHS})\b"),  # 14 November
    re.compile(r"\b(?:1[89]|20)\d{2}s?\b"),                                      # 2023, 1990s
    re.compile(r"\b(?:19|20)\d{2}[–-](?:19|20)?\d{2}\b"),                        # 2012-13
    re.compile(r"\b[Rr]esolutions?\s+\d{3,4}(?:\s*(?:,|and)\s*\d{3,4})*"),        # resolution 2690
    re.compile(r"\bS/(?:RES/)?\d+(?:/\d+)*"),                                    # S/2023/1234
    re.compile(r"\b(?:[Aa]rticles?|[Pp]aragraph|[Ff]ootnote|fn)\s*\d+(?:\s*(?:,|and|to|–)\s*\d+)*"),
    re.compile(r"\bCOVID-19\b|\bG5\b|\bMi-\d+\b|\bTB2\b|\bSu-\d+\b|\bL-\d+\b"),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b"),                                    # 21st century
    re.compile(r"\bCC BY(?:-[A-Z]{2})*\s*\d\.\d\b"),                                # CC BY 4.0
]


def _markdown(nb) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def prose(text: str) -> str:
    """Markdown without roles, directive fences and options, links' urls and html."""
    text = re.sub(r"^:{3,}.*$|^`{3,}.*$|^:[a-z\-]+:.*$", " ", text, flags=re.M)
    text = ROLE.sub(" X ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return text


def words(nb) -> int:
    return sum(len(re.findall(r"[A-Za-zÀ-ÿ'’-]+", prose(t))) for t in _markdown(nb))


def citations(nb) -> list[str]:
    keys = []
    for text in _markdown(nb):
        for match in CITE.finditer(text):
            keys += [k.strip() for k in match.group(1).split(",") if k.strip()]
    return keys


def charts(nb) -> int:
    count = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            count += html.count('class="kidal-chart"')
    return count


def chart_descriptions(nb) -> list[str]:
    found = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            found += re.findall(r'class="kidal-chart-description".*?<p id="[^"]+">(.*?)</p>', html)
    return found


def typed_numbers(nb) -> list[str]:
    """Numbers typed into prose that should have been glued."""
    found = []
    for text in _markdown(nb):
        body = prose(text)
        body = re.sub(r"^#+ .*$", " ", body, flags=re.M)  # headings may number things
        for pattern in ALLOWED_NUMBERS:
            body = pattern.sub(" ", body)
        for match in re.finditer(r"(?<![\w/.-])\d[\d,.]*(?:\s?(?:per cent|%|km|kilometres))?", body):
            start = max(0, match.start() - 30)
            found.append(body[start:match.end() + 10].replace("\n", " ").strip())
    return found


def structure(nb) -> dict:
    """Key findings open the chapter (its first markdown cell); its references close it."""
    md = _markdown(nb)
    last = nb["cells"][-1] if nb["cells"] else {"cell_type": "", "source": ""}
    return {
        "key_findings_first": bool(md) and "Key findings" in md[0],
        "references_last": last["cell_type"] == "code"
        and "chapter_references" in "".join(last["source"]),
    }


def stats(path: Path) -> dict:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cites = citations(nb)
    return {"chapter": Path(path).stem, "words": words(nb), "charts": charts(nb),
            "citations": len(cites), "sources": len(set(cites)),
            "typed_numbers": typed_numbers(nb), **structure(nb)}


def main(argv) -> int:
    print(f"{'chapter':<16}{'words':>7}{'charts':>8}{'cites':>7}{'sources':>9}  typed numbers")
    for arg in argv[1:]:
        s = stats(Path(arg))
        print(f"{s['chapter']:<16}{s['words']:>7}{s['charts']:>8}{s['citations']:>7}"
              f"{s['sources']:>9}  {len(s['typed_numbers'])} {s['typed_numbers'][:6]}")
        if not s["key_findings_first"] or not s["references_last"]:
            print(f"  structure: {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
