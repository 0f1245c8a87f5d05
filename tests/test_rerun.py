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
