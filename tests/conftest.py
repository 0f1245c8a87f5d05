"""Shared fixtures: a strict build of a clean copy of the repository, and a local web server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"


def clean_copy(dest: Path) -> Path:
    """Copy the files git knows (tracked or new, not ignored) into ``dest``; share node_modules."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def build(repo: Path, *, env: dict | None = None) -> subprocess.CompletedProcess:
    """`make book` in ``repo`` with the existing environment (no venv or npm install)."""
    return subprocess.run(
        ["make", "--no-print-directory", "book", f"VENV={ROOT / '.venv'}",
         "-o", f"{ROOT / '.venv'}/.installed", "-o", "node_modules/.installed"],
        cwd=repo, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(repo), **(env or {})},
    )


@pytest.fixture(scope="session")
def strict_build(tmp_path_factory) -> Path:
    """A strict build (-W -n --keep-going) of a clean copy, from an empty output folder."""
    repo = clean_copy(tmp_path_factory.mktemp("strict") / "repo")
    assert not (repo / "_build").exists()
    result = build(repo)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
    lines = (result.stdout + result.stderr).splitlines()
    sphinx_warnings = [i for i, line in enumerate(lines) if "WARNING:" in line or "ERROR:" in line]
    # each with the lines that follow it (a kernel's traceback says more than its first line)
    assert not sphinx_warnings, "the build printed warnings:\n" + "\n--\n".join(
        "\n".join(lines[i:i + 25]) for i in sphinx_warnings[:5])
    site = repo / "_build" / "html"
    # The Pages workflow deploys the very build the tests check: KIDAL_TESTED_SITE names a folder
    # (relative to the repository) that receives a copy of it before any test runs.
    if os.environ.get("KIDAL_TESTED_SITE"):
        kept = ROOT / os.environ["KIDAL_TESTED_SITE"]
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(site, kept)
    return site


def built_copy(strict_build: Path, dest: Path) -> Path:
    """A copy of the strict build's repository with its _build (pages and execution cache), to
    test what a second `make book` does after a change. Saves a full build per test."""
    repo = strict_build.parent.parent
    shutil.copytree(repo, dest, symlinks=True)
    assert (dest / "_build" / ".inputs-stamp").exists()
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(strict_build):
    """Serve the strict build on 127.0.0.1 (a free port) for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(strict_build))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()
