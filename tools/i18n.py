"""The French edition's catalogues: extract them from the English text, and check them.

    python tools/i18n.py pot              # gettext build into _build/pot and the data's texts
                                          # (tools/i18n.py data_pots), then sphinx-intl update
    python tools/i18n.py check [--strict] # every catalogue of book/locales/fr
    python tools/i18n.py build            # the French edition into _build/html/fr (after make book)

``pot`` runs the gettext builder of Jupyter Book in its own output folder (it must not share
``_build/.doctrees`` with the HTML build) and updates ``book/locales/fr/LC_MESSAGES/**.po``. After an
English edit, sphinx-intl marks the changed entries fuzzy and keeps the old translation; a fuzzy
entry is never shown, so ``check`` fails on it until a translator revises it.

``check`` fails on a fuzzy or obsolete entry, and on a translation that does not keep the English
text's MyST roles (glue keys and formats, citation keys) and link targets exactly; it reports the
entries still untranslated, and with ``--strict`` fails on them too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "book" / "locales"
LANG = "fr"
ROLE = re.compile(r"\{[a-z:\-]+\}`[^`]*`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def catalogues(lang: str = LANG) -> list[Path]:
    return sorted((LOCALES / lang / "LC_MESSAGES").rglob("*.po"))


def pot() -> int:
    jb = Path(sys.executable).parent / "jupyter-book"
    out = ROOT / "_build" / "pot"
    subprocess.run([str(jb), "build", str(ROOT), "--builder", "custom", "--custom-builder", "gettext",
                    "--path-output", str(out)], check=True, cwd=ROOT)
    data_pots(out / "_build" / "gettext")
    subprocess.run([str(Path(sys.executable).parent / "sphinx-intl"), "update", "-p",
                    str(out / "_build" / "gettext"), "-l", LANG, "-d", str(LOCALES)], check=True, cwd=ROOT)
    return 0


def _template():
    import polib

    pot_file = polib.POFile()
    pot_file.metadata = {"Project-Id-Version": "kidal", "MIME-Version": "1.0",
                         "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    return pot_file


def _add(pot_file, entries: dict, context: str, text: str, where: tuple[str, str], ident: str | None = None):
    """One entry per (context, text): a text met again adds its occurrence and its row's id."""
    import polib

    entry = entries.get((context, text))
    if entry is None:
        entry = entries[(context, text)] = polib.POEntry(msgctxt=context, msgid=text)
        pot_file.append(entry)
    entry.occurrences.append(where)
    if ident:
        entry.comment = (entry.comment + " " if entry.comment else "") + ident


def _save(pot_file, folder: Path, package: str, name: str) -> Path:
    target = folder / package / f"{name}.pot"
    target.parent.mkdir(parents=True, exist_ok=True)
    pot_file.save(str(target))
    return target


def data_pots(folder: Path) -> list[Path]:
    """One template per table with translatable fields ("x-translate" in data/ and seeds/
    datapackage.json), written to ``folder/<data|seeds>/<table>.pot``: the column is the msgctxt,
    the English text the msgid, the rows' ids the comment and the file's lines the occurrences."""
    import csv
    import json

    written = []
    for package in ("data", "seeds"):
        descriptor = json.loads((ROOT / package / "datapackage.json").read_text(encoding="utf-8"))
        written.append(descriptor_pot(folder, package, descriptor))
        for res in descriptor["resources"]:
            fields = [f["name"] for f in res["schema"]["fields"] if f.get("x-translate")]
            if not fields:
                continue
            pot_file, entries = _template(), {}
            with open(ROOT / package / res["path"], encoding="utf-8", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), start=2):
                    for column in fields:
                        if row[column]:
                            _add(pot_file, entries, column, row[column], (f"{package}/{res['path']}", str(line)),
                                 next(iter(row.values())))
            written.append(_save(pot_file, folder, package, res["name"]))
    written.append(bib_pot(folder))
    written.append(descriptions_pot(folder))
    return written


def descriptions_pot(folder: Path) -> Path:
    """Each notebook's ``description`` metadata (the landing page's chapter list and the pages'
    meta descriptions) as ``folder/notebooks/descriptions.pot``, msgctxt the notebook's name."""
    import json

    pot_file, entries = _template(), {}
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        text = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("description")
        if text:
            _add(pot_file, entries, path.stem, text, (f"book/{path.name}", ""))
    return _save(pot_file, folder, "notebooks", "descriptions")


def descriptor_pot(folder: Path, package: str, descriptor: dict) -> Path:
    """The words of a package's descriptor that the data page shows (each table's title and
    description, each field's description) as ``folder/<package>/datapackage.pot``; the msgctxt
    is the table's name, or table.field."""
    pot_file, entries = _template(), {}
    where = (f"{package}/datapackage.json", "")
    for res in descriptor["resources"]:
        for key in ("title", "description"):
            if res.get(key):
                _add(pot_file, entries, res["name"], res[key], where)
        for field in res["schema"]["fields"]:
            if field.get("description"):
                _add(pot_file, entries, f"{res['name']}.{field['name']}", field["description"], where)
    return _save(pot_file, folder, package, "datapackage")


BIB = ROOT / "book" / "references.bib"
BIB_NOTE = re.compile(r"^(\s*note\s*=\s*\{)(.*)(\},?\s*)$")
BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),")
BIB_MONTH = re.compile(r"^(\s*month\s*=\s*\{)([A-Z][a-z]+)(\},?\s*)$")
BIB_URLDATE = re.compile(r"^(\s*urldate\s*=\s*\{)(\d{4}-\d{2}-\d{2})(\},?\s*)$")


def bib_notes() -> list[tuple[int, str, str]]:
    """(line, key, note) of every entry's note in book/references.bib (one note per line)."""
    found, key = [], None
    for line, text in enumerate(BIB.read_text(encoding="utf-8").splitlines(), start=1):
        if m := BIB_KEY.match(text):
            key = m.group(1)
        elif m := BIB_NOTE.match(text):
            found.append((line, key, m.group(2)))
    return found


def bib_pot(folder: Path) -> Path:
    """The notes of the bibliography's entries (shown on the bibliography page and under every
    chapter) as ``folder/bib/references.pot``, msgctxt "note"."""
    pot_file, entries = _template(), {}
    for line, key, note in bib_notes():
        _add(pot_file, entries, "note", note, ("book/references.bib", str(line)), key)
    return _save(pot_file, folder, "bib", "references")


def markup(text: str) -> Counter:
    """The MyST roles and link targets of a message, which a translation must keep."""
    return Counter(ROLE.findall(text)) + Counter(LINK.findall(text))


def problems(path: Path, strict: bool = False) -> tuple[list[str], int, int]:
    import polib

    po = polib.pofile(str(path))
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found, untranslated = [], 0
    for entry in po:
        where = f"{rel}:{entry.linenum}"
        if entry.obsolete:
            found.append(f"{where}: obsolete entry (the English text is gone): delete it")
        elif "fuzzy" in entry.flags:
            found.append(f"{where}: fuzzy (the English text changed): revise the translation, drop the flag")
        elif not entry.msgstr:
            untranslated += 1
            if strict:
                found.append(f"{where}: untranslated: {entry.msgid[:60]!r}")
        elif markup(entry.msgid) != markup(entry.msgstr):
            lost = markup(entry.msgid) - markup(entry.msgstr)
            extra = markup(entry.msgstr) - markup(entry.msgid)
            found.append(f"{where}: roles or links differ from the English: missing {sorted(lost)}, "
                         f"added {sorted(extra)}")
    for entry in po.obsolete_entries():
        found.append(f"{rel}:{entry.linenum}: obsolete entry (the English text is gone): delete it")
    return found, untranslated, len([e for e in po if not e.obsolete])


def check(strict: bool = False) -> int:
    total = missing = 0
    bad: list[str] = []
    for path in catalogues():
        found, untranslated, n = problems(path, strict)
        bad += found
        total += n
        missing += untranslated
        print(f"{path.relative_to(LOCALES)}: {n - untranslated}/{n} translated")
    print(f"{total - missing} of {total} messages translated")
    if bad:
        print("\n".join(bad), file=sys.stderr)
        return 1
    return 0


FR_TITLE = "La bataille de Kidal"
FR_CAPTIONS = {"Chapters": "Chapitres", "The source article": "L'article source",
               "Explore and reuse": "Explorer et réutiliser"}


def french_bib(target: Path) -> Path:
    """book/references.bib with every entry's note in French (from bib/references.po), written to
    ``target`` for the French build; an untranslated note stops the build, naming its line."""
    import datetime

    sys.path.insert(0, str(ROOT))
    from data.i18n import MONTHS, catalogue, catalogue_path, date

    months = dict(zip(MONTHS["en"], MONTHS[LANG]))
    words = catalogue("bib", "references", LANG)
    out, missing = [], []
    key = None
    for line, text in enumerate(BIB.read_text(encoding="utf-8").splitlines(keepends=True), start=1):
        if m := BIB_KEY.match(text):
            key = m.group(1)
        elif m := BIB_MONTH.match(text.rstrip("\n")):
            text = m.group(1) + months[m.group(2)] + m.group(3) + "\n"
        elif m := BIB_URLDATE.match(text.rstrip("\n")):
            visited = date(datetime.date.fromisoformat(m.group(2)), language=LANG)
            text = m.group(1) + visited + m.group(3) + "\n"
        elif m := BIB_NOTE.match(text.rstrip("\n")):
            french = words.get(("note", m.group(2)))
            if french is None:
                missing.append(f"book/references.bib:{line}: the note of {key}")
            else:
                text = m.group(1) + french + m.group(3) + "\n"
        out.append(text)
    if missing:
        where = catalogue_path("bib", "references", LANG).relative_to(ROOT)
        raise SystemExit(f"{len(missing)} bibliography note(s) without a French translation in {where} "
                         "(python tools/i18n.py pot adds them there):\n" + "\n".join(missing))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(out), encoding="utf-8")
    return target


def french_config() -> tuple[Path, Path]:
    """_config.fr.yml and _toc.fr.yml, generated from the English ones (never edited by hand):
    the same book, in French, with its own execution cache."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = FR_TITLE
    config["execute"]["cache"] = "_build/fr/.jupyter_cache"
    # the same entries, their notes in French
    config["bibtex_bibfiles"] = [str(french_bib(ROOT / "_build" / "fr" / "references.bib").relative_to(ROOT))]
    # French words in the bibliography and citations (book/_ext/kidal_site.py registers both)
    config["sphinx"]["config"]["bibtex_default_style"] = "kidal_fr"
    config["sphinx"]["config"]["bibtex_reference_style"] = "author_year_fr"
    config["html"]["extra_footer"] = ("Texte et données : CC BY 4.0. Code : MIT. Construit à partir du paquet "
                                      "<code>data/</code> du dépôt ; chaque figure nomme ses sources.")
    sphinx = config["sphinx"]["config"]
    sphinx["language"] = LANG
    sphinx["html_theme_options"]["search_bar_text"] = "Rechercher dans ce livre…"
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        part["caption"] = FR_CAPTIONS[part["caption"]]
    header = "# Generated by tools/i18n.py from _config.yml and _toc.yml: do not edit.\n"
    paths = ROOT / "_config.fr.yml", ROOT / "_toc.fr.yml"
    for path, data in zip(paths, (config, toc)):
        path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return paths


def build() -> int:
    """The French edition: a second strict build of the same notebooks, copied under fr/."""
    import os
    import shutil

    editions = [x.strip() for x in os.environ.get("KIDAL_EDITIONS", "en,fr").split(",")]
    if LANG not in editions:
        print(f"i18n: KIDAL_EDITIONS={','.join(editions)}: no French edition built")
        return 0
    config, toc = french_config()
    out = ROOT / "_build" / "fr"
    env = {**os.environ, "KIDAL_BOOK_LANG": LANG}
    result = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
                             "--config", str(config), "--toc", str(toc), "--path-output", str(out),
                             "-W", "-n", "--keep-going"], cwd=ROOT, env=env)
    if result.returncode:
        return result.returncode
    site = ROOT / "_build" / "html" / "fr"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(out / "_build" / "html", site)
    print(f"i18n: French edition in {site.relative_to(ROOT)}")
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "pot":
        return pot()
    if command == "build":
        return build()
    if command == "check":
        return check(strict="--strict" in argv)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
