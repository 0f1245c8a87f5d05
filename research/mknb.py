"""Turn a chapter source (text) into a notebook: python research/mknb.py src.txt book/x.ipynb

The source is split into cells by marker lines:
    %% md                 a markdown cell
    %% code               a code cell (input hidden in the site: tag remove-input)
    %% code show          a code cell whose input the site shows
Then run `.venv/bin/python tools/notebooks.py execute book/x.ipynb` to store its outputs.
"""
import sys

import nbformat

src, dest = sys.argv[1], sys.argv[2]
nb = nbformat.v4.new_notebook()
nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
               "language_info": {"name": "python"}}
kind, buf = None, []


def flush():
    if kind is None:
        return
    text = "\n".join(buf).strip("\n")
    if kind == "md":
        nb.cells.append(nbformat.v4.new_markdown_cell(text))
    else:
        cell = nbformat.v4.new_code_cell(text)
        if kind == "code":
            cell.metadata["tags"] = ["remove-input"]
        nb.cells.append(cell)


for line in open(src, encoding="utf-8").read().splitlines():
    if line.strip() in ("%% md", "%% code", "%% code show"):
        flush()
        kind = {"%% md": "md", "%% code": "code", "%% code show": "show"}[line.strip()]
        buf = []
    else:
        buf.append(line)
flush()
# A YAML front matter block opening the first markdown cell becomes notebook metadata
# (e.g. the page's meta description).
first = nb.cells[0]
if first.cell_type == "markdown" and first.source.startswith("---\n"):
    import yaml

    head, body = first.source[4:].split("\n---\n", 1)
    nb.metadata.update(yaml.safe_load(head))
    first.source = body.lstrip("\n")
for i, cell in enumerate(nb.cells):
    cell["id"] = f"{dest.rsplit('/', 1)[-1].removesuffix('.ipynb')}-{i:02d}"
nbformat.write(nb, dest)
print(f"wrote {dest}: {len(nb.cells)} cells")
