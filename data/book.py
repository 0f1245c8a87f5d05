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
