"""Append rows to a data table or entries to the bibliography, safely (a lock, id checks,
then the whole package is validated; on failure the file is restored and the error printed).

    .venv/bin/python research/add_rows.py events  my_events.csv   # same header as data/events.csv
    .venv/bin/python research/add_rows.py figures my_figures.csv
    .venv/bin/python research/add_rows.py bib     my_refs.bib
Tables: places actors memberships events figures provisions bib.
"""
import csv
import fcntl
import io
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
table, src = sys.argv[1], Path(sys.argv[2])
target = ROOT / ("book/references.bib" if table == "bib" else f"data/{table}.csv")
with open("/tmp/kidal-add-rows.lock", "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    before = target.read_text(encoding="utf-8")
    new = src.read_text(encoding="utf-8")
    if table == "bib":
        have = set(re.findall(r"^@\w+\{([^,]+),", before, flags=re.M))
        keys = re.findall(r"^@\w+\{([^,]+),", new, flags=re.M)
        dup = [k for k in keys if k in have]
        if dup:
            sys.exit(f"already in references.bib (use them, or rename yours): {dup}")
        after = before.rstrip("\n") + "\n\n" + new.strip("\n") + "\n"
    else:
        head = before.splitlines()[0]
        rows = list(csv.reader(io.StringIO(new)))
        if ",".join(rows[0]) != head:
            sys.exit(f"header must be exactly: {head}")
        have = {r[0] for r in csv.reader(io.StringIO(before))}
        dup = [r[0] for r in rows[1:] if r and r[0] in have and table != "memberships"]
        if dup:
            sys.exit(f"ids already in data/{table}.csv: {dup}")
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(r for r in rows[1:] if r)
        after = before if before.endswith("\n") else before + "\n"
        after += buf.getvalue()
    target.write_text(after, encoding="utf-8")
    check = subprocess.run([str(ROOT / ".venv/bin/python"), "-c",
                            "import data; [data.load(t) for t in data.TABLES]; data.claims();"
                            "import data.bib as b; b.entries()"],
                           cwd=ROOT, capture_output=True, text=True)
    if check.returncode:
        target.write_text(before, encoding="utf-8")
        sys.exit("REFUSED, file restored:\n" + check.stderr[-3000:])
    print(f"added to {target.relative_to(ROOT)}; package valid")
