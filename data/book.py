"""Helpers for chapters: glue numbers from the data into prose."""

from __future__ import annotations

from . import i18n


def plain(value):
    """A plain Python int, float or str (``{glue:text}`` formatting breaks on numpy scalars)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def glue(name: str, value):
    """Glue ``value`` under ``name`` for ``{glue:text}`` roles, without displaying it."""
    from myst_nb import glue as _glue

    _glue(name, plain(value), display=False)


class Table:
    """An accessible HTML table (header cells with scope, a caption), every cell escaped.

    ``columns`` maps frame columns to header labels. Cells of ``key_columns`` hold bibliography
    keys (tuples or ';'-separated) and are rendered as links to the bibliography.
    """

    def __init__(self, frame, columns: dict, caption: str, key_columns=(), css_class="kidal-table",
                 link_columns=None, row_id=None, languages=None):
        self.frame, self.columns, self.caption = frame, columns, caption
        # {column: language}: cells in another language than the page's (e.g. the English names
        # in the French glossary), marked with lang for screen readers and the edition tests
        self.languages = languages or {}
        # function(row) -> the row's HTML id (an anchor other pages link to), escaped
        self.row_id = row_id
        self.key_columns, self.css_class = set(key_columns), css_class
        # {column: function(row) -> href}: cells rendered as links (hrefs are escaped)
        self.link_columns = link_columns or {}

    def _cell(self, column, value) -> str:
        import html

        from . import bib

        if column in self.key_columns:
            return "; ".join(bib.link_html(k) for k in bib.split_keys([value]))
        if value is None or (not isinstance(value, (str, tuple)) and value != value):
            return ""
        if isinstance(value, tuple):
            value = ", ".join(value)
        if hasattr(value, "strftime"):
            value = value.strftime("%Y-%m-%d")
        return html.escape(str(value))

    def _row_attrs(self, row) -> str:
        import html

        return f' id="{html.escape(self.row_id(row))}"' if self.row_id else ""

    def _td(self, column, row) -> str:
        import html

        text = self._cell(column, row[column])
        if column in self.link_columns and text:
            text = f'<a href="{html.escape(self.link_columns[column](row))}">{text}</a>'
        lang = f' lang="{self.languages[column]}"' if column in self.languages and text else ""
        return f"<td{lang}>{text}</td>"

    def to_html(self) -> str:
        import html

        head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in self.columns.values())
        body = "".join(
            f"<tr{self._row_attrs(row)}>" + "".join(self._td(c, row) for c in self.columns) + "</tr>"
            for _, row in self.frame.iterrows()
        )
        return (f'<div class="kidal-table-wrap" tabindex="0" role="region" '
                f'aria-label="{html.escape(self.caption)}"><table class="{self.css_class}">'
                f"<caption>{html.escape(self.caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table></div>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.to_html(),
                "text/plain": f"Table: {self.caption} ({len(self.frame)} rows)"}


class Explorer(Table):
    """A searchable, sortable, filterable table that works offline.

    ``filters`` maps a frame column to the label of a drop-down that filters rows on that column's
    exact value. ``book/_static/kidal-explorer.js`` adds the behaviour; without JavaScript the
    full table is still there.
    """

    def __init__(self, frame, columns: dict, caption: str, filters: dict | None = None, **kwargs):
        super().__init__(frame, columns, caption, **kwargs)
        self.filters = filters or {}

    def _row_attrs(self, row) -> str:
        import html

        return super()._row_attrs(row) + "".join(
            f' data-{i}="{html.escape(str(row[col]))}"' for i, col in enumerate(self.filters))

    def to_html(self) -> str:
        import html

        controls = [f'<label>{i18n.t("Search", "Rechercher")} <input type="search" class="kidal-explorer-search" '
                    f'placeholder="{i18n.t("Type to filter rows", "Tapez pour filtrer les lignes")}"></label>']
        for i, (col, label) in enumerate(self.filters.items()):
            values = [v for v in dict.fromkeys(str(v) for v in self.frame[col]) if v]
            options = "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>'
                              for v in values)
            controls.append(f'<label>{html.escape(label)} <select data-filter="{i}">'
                            f'<option value="">{i18n.t("All", "Tous")}</option>{options}</select></label>')
        return (f'<div class="kidal-explorer"><div class="kidal-explorer-controls">'
                + "".join(controls)
                + f'<output class="kidal-explorer-count" aria-live="polite">{i18n.t(f"{len(self.frame)} rows", f"{i18n.number(len(self.frame))} lignes")}</output>'
                + "</div>" + super().to_html().replace("<table ", '<table data-sortable="1" ', 1)
                + "</div>")


class KeyFigures:
    """The landing page's key figures: a row of large numbers, each with a label and sources.

    ``items`` is a list of ``(number, unit, label, source_keys)``; numbers are formatted with a
    thousands separator and every text is escaped.
    """

    def __init__(self, items):
        self.items = list(items)

    def to_html(self) -> str:
        import html

        from . import bib

        cards = []
        for number, unit, label, keys in self.items:
            number = plain(number)
            text = f"{number:,}" if isinstance(number, (int, float)) else str(number)
            sources = "; ".join(bib.link_html(k) for k in bib.split_keys([keys]))
            cards.append(
                f'<div class="kidal-key-figure"><span class="kidal-key-value">'
                f'<span class="kidal-key-number">{html.escape(text)}</span>'
                f'{" " + html.escape(unit) if unit else ""}</span>'
                f'<span class="kidal-key-label">{html.escape(label)}</span>'
                f'<span class="kidal-key-sources">{i18n.t("Sources: ", "Sources : ")}{sources}</span></div>')
        return '<div class="kidal-key-figures">' + "".join(cards) + "</div>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = "\n".join(f"{n} {u}: {lab}" for n, u, lab, _ in self.items)
        return {"text/html": self.to_html(), "text/plain": text}


def edition() -> dict:
    """The edition of the book, from CITATION.cff: ``{"version": ..., "date": ...}``."""
    from pathlib import Path

    import yaml

    cff = yaml.safe_load((Path(__file__).resolve().parent.parent / "CITATION.cff")
                         .read_text(encoding="utf-8"))
    return {"version": str(cff["version"]), "date": str(cff["date-released"])}


class ChapterMap:
    """The book's chapters and appendices as listed in ``_toc.yml`` (the "Explore and reuse" part
    left out), each linked and described by its notebook's own ``description`` metadata."""

    def __init__(self):
        import json
        from pathlib import Path

        import yaml

        root = Path(__file__).resolve().parent.parent
        toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
        self.rows = []
        for part in toc["parts"]:
            if part["caption"] == "Explore and reuse":
                continue
            for entry in part["chapters"]:
                path = root / f"{entry['file']}.ipynb"
                nb = json.loads(path.read_text(encoding="utf-8"))
                title = next(line[2:] for line in "".join(nb["cells"][0]["source"]).splitlines()
                             if line.startswith("# "))
                description = nb["metadata"].get("description", "")
                self.rows.append((path.stem, i18n.page_text(path.stem, title),
                                  i18n.describe("notebooks", path.stem, description, "descriptions")))

    def _repr_mimebundle_(self, include=None, exclude=None):
        import html

        body = "".join(f'<tr><th scope="row"><a href="{html.escape(stem)}.html">{html.escape(title)}</a></th>'
                       f"<td>{html.escape(text)}</td></tr>" for stem, title, text in self.rows)
        table = (f'<div class="kidal-table-wrap"><table class="kidal-table"><caption>{i18n.t("The chapters", "Les chapitres")}</caption>'
                 f'<thead><tr><th scope="col">{i18n.t("Chapter", "Chapitre")}</th>'
                 f'<th scope="col">{i18n.t("What it covers", "Ce qu’il couvre")}</th></tr></thead>'
                 f"<tbody>{body}</tbody></table></div>")
        return {"text/html": table, "text/plain": "\n".join(t for _, t, _ in self.rows)}


def toc_notebooks(*captions: str) -> list:
    """The notebooks of ``_toc.yml`` in reading order (the landing page first), optionally only
    those of the parts named by ``captions``."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parent.parent
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [] if captions else [toc["root"]]
    for part in toc["parts"]:
        if not captions or part["caption"] in captions:
            files += [entry["file"] for entry in part["chapters"]]
    return [root / f"{f}.ipynb" for f in files if (root / f"{f}.ipynb").exists()]


def notebook_title(path) -> str:
    """The first ``# `` heading of a notebook."""
    import json
    from pathlib import Path

    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return next(line[2:] for cell in nb["cells"] if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines() if line.startswith("# "))
