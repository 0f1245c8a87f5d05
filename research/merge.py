"""Merge the helpers' research folders into data/*.csv and book/references.bib.

Usage: .venv/bin/python research/merge.py [--write]
Without --write it only reports. Bibliography entries are deduplicated by url (the existing
references.bib key wins), keys are remapped in every sources column, rows are deduplicated by id.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from pybtex.database import parse_string

ROOT = Path(__file__).resolve().parents[1]
RES = ROOT / "research"
BIB = ROOT / "book" / "references.bib"
TOPICS = ["refs", "background", "battle", "regional", "since", "peace", "mine"]
BANNED = ["abamako", "bamada.net", "oodaloop", "countervortex", "africatopsuccess",
          "medafricatimes", "internazionale", "spamchronicles", "msn.com", "yahoo.com",
          "allafrica", "archive.org", "archive.ph", "wikipedia", "wiki", "dweb.link",
          "richxsearch", "newsnow"]
KEY_RE = re.compile(r"^[A-Z][A-Za-z0-9]*?(?:19|20)\d{2}[a-z][a-z0-9]*$")
ORDER = ["author", "title", "journal", "booktitle", "institution", "organization", "publisher",
         "number", "type", "year", "month", "date", "url", "urldate", "language", "annote", "note"]
MONTHS = {m[:3].lower(): m for m in ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]}


def norm_url(url: str) -> str:
    url = url.replace("\\_", "_").replace("\\%", "%").replace("\\&", "&").strip()
    parts = urlsplit(url)
    host = parts.netloc.lower().rstrip(".").removeprefix("www.")
    return host + parts.path.rstrip("/") + ("?" + parts.query if parts.query else "")


def split_entries(text: str) -> list[str]:
    """Raw @type{...} blocks, so one bad entry does not sink a file."""
    blocks, i = [], 0
    while (start := text.find("@", i)) != -1:
        brace = text.find("{", start)
        if brace == -1:
            break
        depth, j = 0, brace
        while j < len(text):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        blocks.append(text[start:j + 1])
        i = j + 1
    return blocks


def read_bib(path: Path, problems: list) -> list[tuple[str, object]]:
    out = []
    for block in split_entries(path.read_text(encoding="utf-8")):
        if block.lower().startswith(("@comment", "@string", "@preamble")):
            continue
        try:
            db = parse_string(block, "bibtex")
        except Exception as exc:  # noqa: BLE001 - report and skip
            problems.append(f"{path}: unparsable entry {block[:60]!r}: {exc}")
            continue
        for key, entry in db.entries.items():
            out.append((key, entry))
    return out


def fmt_value(v: str) -> str:
    return "{" + v.replace("\n", " ").strip() + "}"


def serialise(key: str, entry) -> str:
    fields = dict(entry.fields)
    persons = entry.persons.get("author", [])
    if persons:
        fields["author"] = " and ".join(str(p) for p in persons)
    if "url" in fields:
        fields["url"] = fields["url"].replace("\\_", "_").replace("\\%", "%").replace("\\&", "&")
    m = fields.get("month", "").strip().lower()[:3]
    if m in MONTHS:
        fields["month"] = MONTHS[m]
    if "note" in fields and "annote" not in fields:
        fields["annote"] = fields.pop("note")
    for name in list(fields):
        if name != "url":
            fields[name] = re.sub(r"(?<!\\)%", r"\\%", fields[name])   # % starts a LaTeX comment
    title = fields.get("title", "")
    if title and not (title.startswith("{") and title.endswith("}")):
        fields["title"] = "{" + title + "}"   # keep the title's case (BibTeX styles lower it)
    keys = [k for k in ORDER if k in fields] + sorted(k for k in fields if k not in ORDER)
    body = ",\n".join(f"  {k} = {fmt_value(fields[k])}" for k in keys)
    return f"@{entry.type}{{{key},\n{body},\n}}\n"


def merge_bib(problems: list):
    existing = read_bib(BIB, problems)
    by_url, keys, out, remap = {}, {}, [], {}
    for key, entry in existing:
        if key == "Tmp2026x":
            continue
        keys[key] = entry
        by_url.setdefault(norm_url(entry.fields.get("url", "")), key)
        out.append((key, entry))
    for topic in TOPICS:
        path = RES / topic / "refs.bib"
        if not path.exists():
            problems.append(f"missing {path}")
            continue
        for key, entry in read_bib(path, problems):
            u = norm_url(entry.fields.get("url", ""))
            if u in by_url and u:
                if by_url[u] != key:
                    remap[(topic, key)] = by_url[u]
                continue
            new = key
            if not KEY_RE.match(new):
                new = re.sub(r"[^A-Za-z0-9]", "", new)
                problems.append(f"{topic}: key {key!r} renamed {new!r}")
            if new in keys:
                base, n = new, 0
                while new in keys:
                    new = base + "abcdefghij"[n]
                    n += 1
                problems.append(f"{topic}: key collision {key!r} (other url) -> {new!r}")
            if new != key:
                remap[(topic, key)] = new
            keys[new] = entry
            by_url[u] = new
            out.append((new, entry))
    for key, entry in out:
        url = entry.fields.get("url", "")
        if any(b in url.lower() for b in BANNED):
            problems.append(f"BANNED url in {key}: {url}")
        for f in ("title", "year", "date", "url", "urldate"):
            if f not in entry.fields:
                problems.append(f"{key}: missing {f}")
        if not (entry.persons.get("author") or "author" in entry.fields):
            problems.append(f"{key}: missing author")
        if not any(f in entry.fields for f in ("journal", "publisher", "institution", "organization")):
            problems.append(f"{key}: missing outlet")
    return out, remap


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def header(table: str) -> list[str]:
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text())
    res = next(r for r in pkg["resources"] if r["name"] == table)
    return [f["name"] for f in res["schema"]["fields"]]


def merge_table(table, topics, idcol, remap, problems, extra=None):
    cols = header(table)
    rows, seen = [], {}
    for topic in topics:
        for fname in ([f"{table}.csv"] + ([extra] if extra else [])):
            for row in read_csv(RES / topic / fname):
                row = {k: (v or "").strip() for k, v in row.items() if k is not None}
                unknown = set(row) - set(cols)
                if unknown:
                    problems.append(f"{topic}/{fname}: unknown columns {unknown}")
                row = {c: row.get(c, "") for c in cols}
                ks = [remap.get((topic, k), k) for k in row["sources"].split(";") if k]
                row["sources"] = ";".join(dict.fromkeys(ks))
                ident = tuple(row[c] for c in idcol)
                if ident in seen:
                    problems.append(f"{table}: duplicate {ident} from {topic} (kept {seen[ident]})")
                    continue
                seen[ident] = topic
                rows.append(row)
    return cols, rows


def write_csv(path: Path, cols, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def main(write: bool):
    problems: list[str] = []
    bib, remap = merge_bib(problems)
    tables = {
        "places": merge_table("places", TOPICS, ["place_id"], remap, problems, "places_extra.csv"),
        "actors": merge_table("actors", TOPICS, ["actor_id"], remap, problems, "actors_extra.csv"),
        "memberships": merge_table("memberships", TOPICS, ["actor_id", "coalition_id"], remap, problems),
        "events": merge_table("events", TOPICS, ["event_id"], remap, problems),
        "figures": merge_table("figures", TOPICS, ["figure_id"], remap, problems),
        "provisions": merge_table("provisions", TOPICS, ["provision_id"], remap, problems),
    }
    places = {r["place_id"] for r in tables["places"][1]}
    # Events about the whole country or region carry no point; places without sourced
    # coordinates cannot be mapped: both are dropped from place_ids (reported).
    for r in tables["events"][1]:
        kept = []
        for p in r["place_ids"].split(";"):
            if p and p not in places:
                if p not in ("mali", "sahel"):
                    problems.append(f"events {r['event_id']}: place {p} has no sourced coordinates: dropped")
                continue
            if p:
                kept.append(p)
        r["place_ids"] = ";".join(dict.fromkeys(kept))
    actors = {r["actor_id"] for r in tables["actors"][1]}
    bibkeys = {k for k, _ in bib}
    for name, (cols, rows) in tables.items():
        for r in rows:
            for k in r["sources"].split(";"):
                if k and k not in bibkeys:
                    problems.append(f"{name} {list(r.values())[0]}: unknown source {k}")
            for p in r.get("place_ids", "").split(";"):
                if p and p not in places:
                    problems.append(f"{name} {r['event_id']}: unknown place {p}")
            for a in r.get("actor_ids", "").split(";"):
                if a and a not in actors:
                    problems.append(f"{name} {r['event_id']}: unknown actor {a}")
    for name, (cols, rows) in tables.items():
        print(f"{name}: {len(rows)} rows")
    print(f"bibliography: {len(bib)} entries, {len(remap)} keys remapped")
    print("\n".join(problems))
    # Keep only entries something cites: data rows, the claims ledger and footnotes, notebooks.
    used = {"Doukhan2023kidal"}
    for name, (cols, rows) in tables.items():
        for r in rows:
            used |= set(filter(None, r["sources"].split(";")))
    for path in (ROOT / "seeds").glob("*.csv"):
        used |= set(re.findall(r"[A-Z][A-Za-z0-9]*?(?:19|20)\d{2}[a-z][a-z0-9]*", path.read_text(encoding="utf-8")))
    for nb in (ROOT / "book").glob("*.ipynb"):
        for group in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", nb.read_text(encoding="utf-8")):
            used |= {k.strip() for k in group.split(",")}
    dropped = [k for k, _ in bib if k not in used]
    if dropped:
        print("unused bibliography entries dropped:", ", ".join(dropped))
    bib = [(k, e) for k, e in bib if k in used]
    if write:
        for name, (cols, rows) in tables.items():
            if name == "events":
                rows.sort(key=lambda r: (r["start_date"], r["event_id"]))
            write_csv(ROOT / "data" / f"{name}.csv", cols, rows)
        BIB.write_text("\n".join(serialise(k, e) for k, e in bib), encoding="utf-8")
        (RES / "remap.json").write_text(json.dumps({f"{t}:{k}": v for (t, k), v in remap.items()},
                                                   indent=1))


if __name__ == "__main__":
    main("--write" in sys.argv)
