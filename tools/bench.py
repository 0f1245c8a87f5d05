"""`make bench`: how long the book takes to build and how heavy its pages are.

Prints: cold build seconds (empty output folder) of the English edition alone and of both
editions, warm build seconds (no change), the site's size, each notebook's
execution seconds (from the execution cache of the cold build), each page's HTML bytes, and the
bytes a first visit to the heaviest page transfers (HTML plus every file it loads, as Chromium
fetched them from a local server, uncompressed and gzip-compressed).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import _QuietHandler, build, clean_copy  # noqa: E402


def timed_build(repo: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    result = build(repo, env=env)
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def notebook_times(repo: Path) -> list[tuple[str, float]]:
    from jupyter_cache import get_cache

    cache = get_cache(repo / "_build" / ".jupyter_cache")
    out = []
    for record in cache.list_cache_records():
        seconds = (record.data or {}).get("execution_seconds")
        out.append((str(Path(record.uri).relative_to(repo)), float(seconds or 0)))
    return sorted(out)


def first_visit_bytes(site: Path, page: str) -> tuple[int, int, int]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
    files: set[str] = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 412, "height": 915})
        pg.on("requestfinished", lambda r: files.add(r.url.split("?")[0].split("#")[0]))
        pg.goto(url, wait_until="networkidle")
        for i in range(pg.locator(".kidal-plotly").count()):
            pg.locator(".kidal-plotly").nth(i).scroll_into_view_if_needed()
        pg.wait_for_load_state("networkidle")
        pg.wait_for_timeout(500)
        browser.close()
    server.shutdown()
    prefix = f"http://127.0.0.1:{server.server_address[1]}/"
    raw = gz = 0
    for f in files:
        if not f.startswith(prefix):
            continue
        body = (site / f[len(prefix):]).read_bytes()
        raw += len(body)
        gz += len(gzip.compress(body, 6))
    return len(files), raw, gz


def main() -> None:
    work = ROOT / "_build" / "bench"
    shutil.rmtree(work, ignore_errors=True)
    english = clean_copy(work / "english")
    cold_en = timed_build(english, env={"KIDAL_EDITIONS": "en"})
    shutil.rmtree(work / "english", ignore_errors=True)
    repo = clean_copy(work / "repo")
    cold = timed_build(repo)
    warm = timed_build(repo)
    site = repo / "_build" / "html"
    print(f"cold build, English edition only:  {cold_en:6.1f} s")
    print(f"cold build, both editions:         {cold:6.1f} s ({cold / cold_en:.2f} times the English build)")
    print(f"warm build (no change):            {warm:6.1f} s")
    size = lambda folder: sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    print(f"site size: {size(site) / 1e6:.1f} MB, of which the French edition {size(site / 'fr') / 1e6:.1f} MB")
    print("notebook execution:")
    for name, seconds in notebook_times(repo):
        print(f"  {name:40s} {seconds:6.2f} s")
    print("page HTML bytes:")
    pages = sorted((p for p in site.rglob("*.html") if "_static" not in p.parts),
                   key=lambda p: -p.stat().st_size)
    for p in pages:
        print(f"  {str(p.relative_to(site)):40s} {p.stat().st_size:>10,}")
    heaviest = str(pages[0].relative_to(site))
    n, raw, gz = first_visit_bytes(site, heaviest)
    print(f"first visit to the heaviest page ({heaviest}): {n} files, "
          f"{raw:,} bytes uncompressed, {gz:,} bytes gzip-compressed")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
