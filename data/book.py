"""Helpers for chapters: glue numbers from the data into prose."""

from __future__ import annotations


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

    def __init__(self, frame, columns: dict, caption: str, key_columns=(), css_class="kidal-table"):
        self.frame, self.columns, self.caption = frame, columns, caption
        self.key_columns, self.css_class = set(key_columns), css_class

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

    def to_html(self) -> str:
        import html

        head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in self.columns.values())
        body = "".join(
            "<tr>" + "".join(f"<td>{self._cell(c, row[c])}</td>" for c in self.columns) + "</tr>"
            for _, row in self.frame.iterrows()
        )
        return (f'<div class="kidal-table-wrap" tabindex="0" role="region" '
                f'aria-label="{html.escape(self.caption)}"><table class="{self.css_class}">'
                f"<caption>{html.escape(self.caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table></div>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.to_html(),
                "text/plain": f"Table: {self.caption} ({len(self.frame)} rows)"}
