"""The edition's language for the words the book's code writes: chart captions, table controls,
axis and legend labels, numbers and dates.

The French build sets ``KIDAL_BOOK_LANG=fr`` (book/_ext/kidal_site.py) and the notebooks' kernels
inherit it; unset, everything is English, so stored outputs and strict nbval are unchanged. The
same code draws both editions: a string the code writes is given in both languages where it is
written, ``t("Sources", "Sources")``.
"""

from __future__ import annotations

import os
import re

LANGUAGES = ("en", "fr")
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
}
# Event categories (data/datapackage.json) as each edition names them.
CATEGORIES = {"fr": {"military": "militaire", "political": "politique", "diplomatic": "diplomatique",
                     "UN": "ONU", "humanitarian": "humanitaire"}}


# The data's enums as the French edition names them (book/locales/fr/TERMINOLOGY.md).
STATUS_FR = {"confirmed": "confirmé", "reported": "rapporté", "claimed": "revendiqué", "disputed": "contesté"}
VERDICT_FR = {"corroborated": "corroborée", "refined": "précisée", "contradicted": "contredite",
              "unverified": "non vérifiée", "not checkable": "invérifiable"}
# An English-formatted number inside a text: 1,195 or 39.4.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


def lang() -> str:
    value = os.environ.get("KIDAL_BOOK_LANG", "en")
    return value if value in LANGUAGES else "en"


def t(en: str, fr: str) -> str:
    """The string of the edition's language."""
    return fr if lang() == "fr" else en


def number(value, decimals: int = 0) -> str:
    """1,195 / 1 195 (narrow no-break space); 39.4 / 39,4."""
    return localize(f"{value:,.{decimals}f}")


def localize(text: str) -> str:
    """The English-formatted numbers of ``text`` in the edition's format (French: 1 195, 39,4)."""
    if lang() != "fr":
        return text

    def french(match):
        whole, _, frac = match.group(0).partition(".")
        return whole.replace(",", "\u202f") + ("," + frac if frac else "")

    return NUMBER.sub(french, text)


def status(value: str) -> str:
    """An event or alignment status in the edition's language."""
    return t(value, STATUS_FR.get(value, value))


def verdict(value: str) -> str:
    """A claims-ledger verdict in the edition's language."""
    return t(value, VERDICT_FR.get(value, value))


def date(when, precision: str = "day") -> str:
    """14 November 2023 / 14 novembre 2023, only as precise as ``precision`` (day, month, year)."""
    month = MONTHS[lang()][when.month - 1]
    if precision == "year":
        return f"{when.year}"
    if precision == "month":
        return f"{month} {when.year}"
    day = "1er" if lang() == "fr" and when.day == 1 else when.day
    return f"{day} {month} {when.year}"


def category(name: str) -> str:
    """An event category in the edition's language."""
    return CATEGORIES.get(lang(), {}).get(name, name)


def plotly_separators() -> str:
    """plotly's decimal and thousands separators for the edition."""
    return ",\u202f" if lang() == "fr" else ".,"
