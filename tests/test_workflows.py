"""The GitHub workflows (.github/workflows) pass actionlint, pinned in requirements.lock."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from conftest import ROOT, VENV_BIN

WORKFLOWS = ROOT / ".github" / "workflows"


def test_actionlint_finds_nothing():
    actionlint = VENV_BIN / "actionlint"
    assert actionlint.exists(), "actionlint missing from .venv: run make test (installs requirements.lock)"
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"ci.yml", "pages.yml"}
    result = subprocess.run([str(actionlint), "-no-color", *map(str, files)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), \
        f"actionlint findings:\n{result.stdout}{result.stderr}"


def test_actions_pinned_by_version_and_build_never_cached():
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        for job in workflow["jobs"].values():
            assert job.get("container", {}).get("image", "debian:bookworm") == "debian:bookworm", path.name
            for step in job["steps"]:
                uses = step.get("uses")
                if uses:
                    assert uses.startswith("actions/") and "@v" in uses, f"{path.name}: {uses} not pinned by tag"
                if uses and uses.startswith("actions/cache@"):
                    assert "_build" not in step["with"]["path"], f"{path.name}: _build must never be cached"


def test_pages_deploys_the_tested_build():
    pages = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    steps = pages["jobs"]["build"]["steps"]
    test_step = next(s for s in steps if "make test" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert test_step["env"]["KIDAL_BASEURL"] == "${{ steps.pages.outputs.base_url }}"
    assert upload["with"]["path"] == test_step["env"]["KIDAL_TESTED_SITE"]
    assert steps.index(test_step) < steps.index(upload)
    assert pages["jobs"]["deploy"]["needs"] == "build"
