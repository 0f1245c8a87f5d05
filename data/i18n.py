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
from pathlib import Path

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
    return enum("events.status", value)


def verdict(value: str) -> str:
    """A claims-ledger verdict in the edition's language."""
    return enum("claims.verdict", value)


def date(when, precision: str = "day", language: str | None = None) -> str:
    """14 November 2023 / 14 novembre 2023, only as precise as ``precision`` (day, month, year);
    in the edition's language, or in ``language`` (for tools that write both editions)."""
    language = language or lang()
    month = MONTHS[language][when.month - 1]
    if precision == "year":
        return f"{when.year}"
    if precision == "month":
        return f"{month} {when.year}"
    day = "1er" if language == "fr" and when.day == 1 else when.day
    return f"{day} {month} {when.year}"


def category(name: str) -> str:
    """An event category in the edition's language."""
    return enum("events.category", name)


def plotly_separators() -> str:
    """plotly's decimal and thousands separators for the edition."""
    return ",\u202f" if lang() == "fr" else ".,"


# --- The data's own texts -------------------------------------------------------------------------
# A field marked "x-translate": true in data/datapackage.json or seeds/datapackage.json is text the
# book shows (an event's title and summary, a figure's label and who gave it, a claim and its
# note...). The tables hold it in English; the French edition reads its translation from a gettext
# catalogue, one per table, book/locales/fr/LC_MESSAGES/<data|seeds>/<table>.po, in which the
# English text is the msgid and the column's name the msgctxt. ``python tools/i18n.py pot`` adds a
# new or changed text to its catalogue (a changed one as fuzzy), and the French edition refuses to
# load a table whose text has no translation, naming the file, row and column.
LOCALES = Path(__file__).resolve().parent.parent / "book" / "locales"


def catalogue_path(package: str, table: str, language: str = "fr"):
    return LOCALES / language / "LC_MESSAGES" / package / f"{table}.po"


def translated_fields(schema: dict) -> list[str]:
    return [f["name"] for f in schema["fields"] if f.get("x-translate")]


_CATALOGUES: dict = {}


def catalogue(package: str, table: str, language: str = "fr") -> dict:
    """``{(column, English text): translation}`` of a table's catalogue; fuzzy entries left out."""
    path = catalogue_path(package, table, language)
    key = (path, path.stat().st_mtime_ns if path.exists() else None)
    if key not in _CATALOGUES:
        import polib

        entries = polib.pofile(str(path)) if path.exists() else []
        _CATALOGUES[key] = {(e.msgctxt, e.msgid): e.msgstr for e in entries
                            if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}
    return _CATALOGUES[key]


def translation(package: str, name: str, context, text: str, file: str, row=None, column=None) -> str:
    """The edition's translation of ``text`` (msgctxt ``context``) from catalogue
    ``<package>/<name>.po``; a DataError naming ``file``, ``row`` and ``column`` when there is none."""
    found = catalogue(package, name, lang()).get((context, text))
    if found is None:
        from .package import DataError

        where = catalogue_path(package, name, lang()).relative_to(LOCALES.parent.parent)
        raise DataError(file, row, column, text,
                        f"no {lang()} translation in {where} (python tools/i18n.py pot adds it there)")
    return found


def translate_table(frame, schema: dict, package: str, table: str, file: str):
    """``frame`` (a typed table, rows in file order) with its translatable text in the edition's
    language; unchanged in English. A text without a translation raises DataError."""
    if lang() == "en":
        return frame
    import pandas as pd

    fields = translated_fields(schema)
    if not fields:
        return frame
    words = catalogue(package, table, lang())   # read once per table, not once per cell
    frame = frame.copy()
    for column in fields:
        values = [text if text is None or text != text or text == ""
                  else words.get((column, str(text))) or translation(package, table, column, str(text), file, row, column)
                  for row, text in enumerate(frame[column], start=2)]
        frame[column] = pd.Series(values, index=frame.index, dtype=frame[column].dtype)
    return frame


def describe(package: str, context: str, text: str, name: str = "datapackage") -> str:
    """A table's title or description (``context`` = the table's name) or a field's description
    (``context`` = table.field) from ``<package>/datapackage.json``, in the edition's language
    (catalogue ``<package>/<name>.po``; a notebook's description: ``describe("notebooks", stem,
    text, "descriptions")``)."""
    if lang() == "en" or not text:
        return text
    file = f"{package}/datapackage.json" if name == "datapackage" else f"book/{context}.ipynb"
    return translation(package, name, context, text, file, column=context)


# The data's vocabularies (the "enum" of a field in data/ or seeds/ datapackage.json) as the French
# edition names them, by table.field; the English edition shows the codes themselves.
ENUMS_FR = {
    "places.kind": {"capital": "capitale", "regional capital": "capitale régionale", "town": "ville",
                    "village": "village", "UN camp": "camp de l'ONU", "military camp": "camp militaire",
                    "border post": "poste frontière", "airport": "aéroport", "battle site": "lieu de combats",
                    "region": "région", "mine": "mine", "locality": "localité"},
    "actors.kind": {"national force": "force nationale", "foreign force": "force étrangère",
                    "private military company": "société militaire privée", "rebel movement": "mouvement rebelle",
                    "rebel coalition": "coalition rebelle", "pro-government armed group": "groupe armé progouvernemental",
                    "jihadist group": "groupe jihadiste", "UN mission": "mission de l'ONU", "UN body": "organe de l'ONU",
                    "regional organisation": "organisation régionale", "government": "gouvernement",
                    "political party": "parti politique", "non-governmental organisation": "organisation non gouvernementale",
                    "research institute": "institut de recherche"},
    "events.date_precision": {"day": "jour", "month": "mois", "year": "année"},
    "figures.as_of_precision": {"day": "jour", "month": "mois", "year": "année"},
    "handovers.date_precision": {"day": "jour", "month": "mois"},
    "events.category": CATEGORIES["fr"],
    "events.status": STATUS_FR,
    "alignments.status": STATUS_FR,
    "alignments.relation": {"alliance": "alliance", "partnership": "partenariat", "contact": "contact",
                            "rupture": "rupture"},
    "provisions.pillar": {"political and institutional": "politique et institutionnel",
                          "defence and security": "défense et sécurité",
                          "socio-economic and cultural development": "développement socio-économique et culturel",
                          "reconciliation justice and humanitarian": "réconciliation, justice et questions humanitaires"},
    "provisions.status": {"implemented": "appliquée", "partially implemented": "partiellement appliquée",
                          "not implemented": "non appliquée", "abandoned": "abandonnée"},
    "handovers.kind": {"camp": "camp", "temporary operating base": "base opérationnelle temporaire", "annex": "annexe"},
    "publishers.kind": {"intergovernmental": "organisation intergouvernementale", "government": "gouvernement",
                        "NGO or research": "ONG ou recherche", "wire agency": "agence de presse",
                        "newspaper or broadcaster": "journal ou média audiovisuel",
                        "state-controlled media": "média contrôlé par l'État",
                        "aggregator or repost": "agrégateur ou reprise"},
    "communities.kind": {"Tuareg confederation": "confédération touarègue", "Tuareg group": "groupe touareg",
                         "Arab group": "groupe arabe", "other": "autre"},
    "locations.section": {"abstract": "résumé", "background": "contexte", "regional": "partie régionale",
                          "footnotes": "notes"},
    "claims.claim_type": {"fact": "fait", "figure": "chiffre", "date": "date", "name": "nom",
                          "attribution": "attribution", "characterisation": "caractérisation",
                          "forecast": "prévision", "opinion": "opinion"},
    "claims.verdict": VERDICT_FR,
    "footnotes.source_status": {"read": "lue", "read in a republication": "lue dans une reprise",
                                "not available": "non disponible", "author note": "note de l'auteur"},
}


def enum(field: str, value) -> str:
    """A code of the data's vocabularies (``field`` is table.field) in the edition's language."""
    value = str(value)
    if lang() == "en" or value in ("", "nan", "None", "<NA>"):
        return value
    return ENUMS_FR[field][value]


def page_text(stem: str, text: str) -> str:
    """A heading or paragraph of page ``book/<stem>`` in the edition's language, from the page's
    own catalogue (``book/<stem>.po``, the one the translated page is built from)."""
    if lang() == "en":
        return text
    return translation("book", stem, None, text, f"book/{stem}")
