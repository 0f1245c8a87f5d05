"""Lighthouse 12 (default mobile preset) on every page of _build/html, served with gzip.

    python tools/audit.py [page.html ...]     # make audit: every page, fails below the targets

Each page is audited AUDIT_RUNS times (default 3) and judged on the median run by performance
score, as Lighthouse's own guidance recommends: a single run varies by up to ten points with the
machine's load. Prints a table of the median run's four category scores, the range of
performance scores over the runs, and each page's first-visit transfer; writes the median run's
full report to _build/audit/. Targets: performance >= 90, accessibility, best practices and SEO = 100,
transfer <= 600 KiB for a page without charts and <= 1 MiB for a page with charts.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "audit"
LIGHTHOUSE = ROOT / "tools" / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
KIB = 1024
RUNS = int(os.environ.get("AUDIT_RUNS", "3"))
BUDGET = {False: 600 * KIB, True: 1024 * KIB}   # has charts -> bytes
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (as any real host does)."""

    cache: dict[str, bytes] = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix in COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = self.cache.get(str(path))
            if body is None:
                body = self.cache[str(path)] = gzip.compress(path.read_bytes(), 9)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def serve(site: Path):
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if p.parent != site and "_static" not in p.parts
                  and not p.name.startswith(("genindex", "search")))


def audit(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={FLAGS}",
                    "--only-categories=performance,accessibility,best-practices,seo"],
                   check=True, env=env, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round(100 * (report["categories"][k]["score"] or 0)) for k in TARGETS}
    failing = {k: [a for a, r in report["audits"].items()
                   if r.get("score") is not None and r["score"] < 1 and r.get("scoreDisplayMode") == "binary"
                   and a in {ref["id"] for ref in report["categories"][k]["auditRefs"] if ref["weight"] > 0}]
               for k in TARGETS if k != "performance"}
    return {"scores": scores, "bytes": int(report["audits"]["total-byte-weight"]["numericValue"]),
            "lcp": report["audits"]["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": report["audits"]["total-blocking-time"]["numericValue"],
            "failing": {k: v for k, v in failing.items() if v}}


def main(argv) -> int:
    if not LIGHTHOUSE.exists():
        print("lighthouse missing: run `make audit` (npm ci in tools/audit)", file=sys.stderr)
        return 2
    if not (SITE / "index.html").exists():
        print("no site: run `make book` first", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    server = serve(SITE)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    targets = argv[1:] or pages(SITE)
    print(f"median of {RUNS} run(s) per page")
    print(f"{'page':<34}{'perf':>5}{'range':>8}{'a11y':>5}{'bp':>5}{'seo':>5}{'KiB':>7}{'budget':>7}"
          f"{'LCP s':>7}{'TBT ms':>7}  verdict")
    failures = 0
    for rel in targets:
        charts = 'class="kidal-chart"' in (SITE / rel).read_text(encoding="utf-8")
        out = OUT / (rel.replace("/", "_") + ".json")
        runs = []
        for i in range(RUNS):
            run_out = out.with_suffix(f".run{i}.json")
            runs.append((audit(f"{base}/{rel}", run_out), run_out))
        runs.sort(key=lambda pair: pair[0]["scores"]["performance"])
        r, median_out = runs[len(runs) // 2]
        median_out.replace(out)
        for _, other in runs:
            other.unlink(missing_ok=True)
        perf = [x["scores"]["performance"] for x, _ in runs]
        s = r["scores"]
        problems = [f"{k} {s[k]} < {v}" for k, v in TARGETS.items() if s[k] < v]
        if r["bytes"] > BUDGET[charts]:
            problems.append(f"transfer {r['bytes'] // KIB} KiB > {BUDGET[charts] // KIB} KiB")
        failures += bool(problems)
        print(f"{rel:<34}{s['performance']:>5}{f'{min(perf)}-{max(perf)}':>8}{s['accessibility']:>5}{s['best-practices']:>5}"
              f"{s['seo']:>5}{r['bytes'] // KIB:>7}{BUDGET[charts] // KIB:>7}{r['lcp']:>7.1f}"
              f"{r['tbt']:>7.0f}  {'ok' if not problems else '; '.join(problems)}"
              + (f"  failing audits: {r['failing']}" if r["failing"] else ""), flush=True)
    server.shutdown()
    print(f"{len(targets) - failures} of {len(targets)} pages meet every target")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
