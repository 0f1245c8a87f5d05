"""List or execute the book's chapters.

    python tools/notebooks.py list       # every .ipynb in _toc.yml, one per line
    python tools/notebooks.py execute    # rerun them and store their outputs in place

Stored outputs are what strict nbval compares with a fresh run, so run `execute` (or `make
outputs`) after changing a chapter or the data it draws on.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def toc_notebooks() -> list[Path]:
    import yaml

    files: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            if "root" in node:
                files.append(node["root"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")))
    return [ROOT / f"{f}.ipynb" for f in files if (ROOT / f"{f}.ipynb").exists()]


def execute(path: Path) -> float:
    import time

    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return seconds


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "list"
    if command == "list":
        print("\n".join(str(p.relative_to(ROOT)) for p in toc_notebooks()))
    elif command == "execute":
        targets = [ROOT / a for a in argv[2:]] or toc_notebooks()
        for path in targets:
            print(f"{path.relative_to(ROOT)}: executed in {execute(path):.2f} s")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
