"""Chapters are stored with outputs that the site can render, and nbval sees every one of them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from notebooks import toc_notebooks  # noqa: E402

NOTEBOOKS = toc_notebooks()


def test_toc_lists_notebooks():
    assert NOTEBOOKS, "no chapter notebook in _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_with_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c.get("execution_count") for c in code), f"{path.name} is not stored executed"
    for cell in code:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name} stores an error"
            bundle = out.get("data", {})
            if "application/vnd.plotly.v1+json" in bundle:
                # a bare fig.show() would be dropped by the site: charts go through data.charts
                assert 'class="kidal-chart"' in "".join(bundle.get("text/html", "")), path.name


def test_nbval_runs_every_toc_notebook():
    """`make test` hands nbval exactly the notebooks of _toc.yml."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--nbval $$($(PY) tools/notebooks.py list)" in makefile
    assert "--nbval-lax" not in makefile
    listed = subprocess.run([sys.executable, str(ROOT / "tools" / "notebooks.py"), "list"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert sorted(listed) == sorted(str(p.relative_to(ROOT)) for p in NOTEBOOKS)
