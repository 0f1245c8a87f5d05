"""Build the whole book strictly in a private copy with one chapter added to the toc, and
measure the chapter:  .venv/bin/python research/check_chapter.py background

Run `.venv/bin/python tools/notebooks.py execute book/<name>.ipynb` first (stores outputs).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
name = sys.argv[1]
dest = Path(f"/tmp/chk-{name}/repo")
shutil.rmtree(dest.parent, ignore_errors=True)
listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                        cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
for rel in filter(None, listed):
    if rel.startswith("research/"):
        continue
    src = ROOT / rel
    if src.is_file():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / rel)
(dest / "node_modules").symlink_to(ROOT / "node_modules")
toc = (dest / "_toc.yml").read_text()
if f"file: book/{name}\n" not in toc:
    toc = toc.replace("    chapters:\n", f"    chapters:\n      - file: book/{name}\n", 1)
    (dest / "_toc.yml").write_text(toc)
r = subprocess.run(["make", "--no-print-directory", "book", f"VENV={ROOT / '.venv'}",
                    "-o", f"{ROOT / '.venv'}/.installed", "-o", "node_modules/.installed"],
                   cwd=dest, capture_output=True, text=True,
                   env={**os.environ, "PYTHONPATH": str(dest)})
out = r.stdout + r.stderr
bad = [l for l in out.splitlines() if "WARNING" in l or "ERROR" in l or "Error" in l]
print("\n".join(bad[:40]))
print("BUILD", "OK" if r.returncode == 0 and not bad else "FAILED")
if r.returncode:
    print(out[-4000:])
subprocess.run([sys.executable, str(ROOT / "tools" / "chapter_stats.py"), str(ROOT / "book" / f"{name}.ipynb")])
print(f"site: {dest}/_build/html/book/{name}.html")
