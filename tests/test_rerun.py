"""A reader reruns a chapter outside the repository: a copy of a chapter in another folder runs
from start to end with the `data` package installed in .venv (make book or make lab)."""

from __future__ import annotations

import shutil

import nbformat
from nbclient import NotebookClient

from conftest import ROOT

CHAPTER = "since.ipynb"  # ends with its reference list, read from the chapter's own text


def test_chapter_copied_elsewhere_runs(tmp_path, monkeypatch):
    elsewhere = tmp_path / "my-copy"
    elsewhere.mkdir()
    shutil.copy2(ROOT / "book" / CHAPTER, elsewhere / CHAPTER)
    # No PYTHONPATH pointing into the repository: the installed package alone must do.
    monkeypatch.delenv("PYTHONPATH", raising=False)
    monkeypatch.chdir(elsewhere)
    nb = nbformat.read(elsewhere / CHAPTER, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(elsewhere)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.get("outputs", [])
              if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]
    assert not errors, errors
    last = "".join(str(o.get("data", {}).get("text/html", "")) for o in code[-1].outputs)
    assert "kidal-references" in last and "<li" in last, "the last cell drew no reference list"


# Every chapter page offers its notebook and says how to rerun it; the repository and launch
# buttons appear only when KIDAL_REPOSITORY names the repository.

def _chapters():
    from data.book import toc_notebooks

    return toc_notebooks("Chapters", "The source article")


def test_every_chapter_page_offers_its_notebook(strict_build):
    import re

    chapters = _chapters()
    assert len(chapters) >= 6
    problems = []
    for nb in chapters:
        page = strict_build / "book" / (nb.stem + ".html")
        text = page.read_text(encoding="utf-8")
        note = re.search(r'<p class="kidal-rerun">(.*?)</p>', text, re.S)
        if not note:
            problems.append(f"{page.name}: no rerun note")
            continue
        if f'href="{nb.name}" download' not in note.group(1) or "make lab" not in note.group(1):
            problems.append(f"{page.name}: the note does not link {nb.name} or name make lab")
        copy = page.with_name(nb.name)
        if not copy.exists() or copy.read_bytes() != nb.read_bytes():
            problems.append(f"{copy}: missing or not the chapter's notebook")
        size = re.search(r"\(([\d,]+) kB\)", note.group(1))
        if not size or int(size.group(1).replace(",", "")) != round(nb.stat().st_size / 1000):
            problems.append(f"{page.name}: the stated size is not the notebook's")
    assert not problems, "\n".join(problems)
    # apparatus pages are not chapters: no rerun note there
    assert 'class="kidal-rerun"' not in (strict_build / "book" / "glossary.html").read_text(encoding="utf-8")


def test_repository_and_launch_buttons_only_when_configured(strict_build):
    """Neither by default; both on every chapter page when KIDAL_REPOSITORY is set (Pages)."""
    import os

    repo = os.environ.get("KIDAL_REPOSITORY", "").strip().rstrip("/").removesuffix(".git")
    for nb in _chapters():
        text = (strict_build / "book" / (nb.stem + ".html")).read_text(encoding="utf-8")
        if repo:
            owner_name = repo.split("/", 3)[3]
            assert f"/v2/gh/{owner_name}/" in text and f"{nb.stem}.ipynb" in text, nb.name
            assert f'href="{repo}"' in text, nb.name
        else:
            assert "mybinder" not in text and "repository-button" not in text, nb.name
            assert "/v2/gh/" not in text, nb.name


def _extension():
    import importlib
    import sys

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    try:
        return importlib.import_module("kidal_site")
    finally:
        sys.path.pop(0)


class _Config:
    def __init__(self):
        self.html_theme_options = {"search_bar_text": "Search this book..."}


def test_repository_and_launch_buttons_follow_kidal_repository(monkeypatch):
    ext = _extension()
    config = _Config()
    monkeypatch.delenv("KIDAL_REPOSITORY", raising=False)
    ext.configure_repository(None, config)
    assert config.html_theme_options["use_repository_button"] is False
    assert config.html_theme_options["launch_buttons"] == {}
    monkeypatch.setenv("KIDAL_REPOSITORY", "https://github.com/example-org/kidal-book.git")
    config = _Config()
    ext.configure_repository(None, config)
    options = config.html_theme_options
    assert options["repository_url"] == "https://github.com/example-org/kidal-book"
    assert options["use_repository_button"] is True
    assert options["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert options["search_bar_text"] == "Search this book..."


def test_a_malformed_repository_address_is_refused(monkeypatch):
    import pytest
    from sphinx.errors import ExtensionError

    ext = _extension()
    for bad in ("github.com/example/kidal", "https://example.org/a/b", "https://github.com/only-owner",
                "javascript:alert(1)"):
        monkeypatch.setenv("KIDAL_REPOSITORY", bad)
        with pytest.raises(ExtensionError, match="KIDAL_REPOSITORY"):
            ext.configure_repository(None, _Config())
