"""The hierarchy of evidence: every source classified by its publisher, and the book's citations
held to the shares the book promises (data/publishers.csv, data.bib.evidence)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import data
from data.bib import EVIDENCE_CLASSES, citations, evidence
from data.book import toc_notebooks

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "book" / "references.bib"
# What the book promises (README, landing page): shares of all in-text citations of its pages.
MIN_GOOD, MAX_STATE, MAX_WEAK = 85.0, 3.0, 7.0
MIN_PRIMARY_PER_CHAPTER = 8


@pytest.fixture(scope="module")
def cites():
    return citations(toc_notebooks())


def _shares(frame) -> dict:
    return (frame["evidence"].value_counts(normalize=True) * 100).reindex(
        list(EVIDENCE_CLASSES), fill_value=0.0).to_dict()


def test_every_entry_is_classified():
    table = evidence()
    assert len(table) == len(data.bib.entries())
    assert set(table["evidence"]) <= set(EVIDENCE_CLASSES)
    assert table["kind"].notna().all() and (table["publisher"] != "").all()


def test_every_publisher_row_is_used():
    used = set(evidence()["publisher"])
    unused = sorted(set(data.publishers()["publisher"]) - used)
    assert not unused, f"data/publishers.csv lists publishers no entry cites: {unused}"


def test_syndicated_copy_names_its_agency_and_says_so():
    table = evidence()
    entries = data.bib.entries()
    from pybtex.database import parse_file

    fields = parse_file(str(BIB), bib_format="bibtex").entries
    for key in table.loc[table["copyfrom"] != "", "key"]:
        note = fields[key].fields.get("note", "")
        assert note.strip(), f"{key}: agency copy on an unrelated outlet must say so in its note"
        assert entries[key]["url"], key


def test_citation_shares_meet_the_promise(cites):
    shares = _shares(cites)
    good = shares["primary or expert"] + shares["newsroom or wire agency"]
    assert good >= MIN_GOOD, f"{good:.1f}% of citations are primary, expert or established press"
    assert shares["state-controlled media"] <= MAX_STATE, shares
    assert shares["aggregator or syndicated copy"] <= MAX_WEAK, shares


@pytest.mark.parametrize("stem", ["background", "actors", "battle", "regional", "peace", "since"])
def test_each_chapter_rests_on_primary_and_expert_documents(cites, stem):
    mine = cites[(cites["chapter"] == stem) & (cites["evidence"] == "primary or expert")]
    distinct = mine["key"].nunique()
    assert distinct >= MIN_PRIMARY_PER_CHAPTER, f"{stem}: {distinct} primary or expert documents"


@pytest.mark.parametrize("stem", ["battle", "regional"])
def test_battle_and_regional_cite_the_panel_of_experts_and_crisis_group(cites, stem):
    entries = data.bib.entries()
    keys = set(cites.loc[cites["chapter"] == stem, "key"])
    assert any(entries[k]["author"] == "International Crisis Group" for k in keys), stem
    assert any(re.search(r"Panel of Experts|Groupe d.experts", entries[k]["title"]) for k in keys), stem


def _bib_with(tmp_path, old: str, new: str) -> Path:
    text = BIB.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "references.bib"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_unknown_publisher_is_named_with_its_line(tmp_path):
    text = BIB.read_text(encoding="utf-8")
    match = re.search(r"(?m)^  publisher = \{(.+)\},$", text)
    line = text[:match.start()].count("\n") + 1
    path = _bib_with(tmp_path, match.group(0), "  publisher = {Nobody Media},")
    with pytest.raises(data.DataError) as err:
        evidence(path)
    assert err.value.file.endswith("references.bib") and err.value.column == "publisher"
    assert err.value.value == "Nobody Media"
    assert err.value.row is not None and err.value.row < line


def test_url_off_the_publishers_hosts_is_refused(tmp_path):
    text = BIB.read_text(encoding="utf-8")
    url = re.search(r"(?m)^  url = \{(https://[^}]+)\},$", text).group(0)
    path = _bib_with(tmp_path, url, "  url = {https://mirror.example.org/copy},")
    with pytest.raises(data.DataError) as err:
        evidence(path)
    assert err.value.column == "url" and "mirror.example.org" in err.value.value


def test_missing_publisher_is_refused(tmp_path):
    text = BIB.read_text(encoding="utf-8")
    line = re.search(r"(?m)^  publisher = \{.+\},\n", text).group(0)
    path = _bib_with(tmp_path, line, "")
    with pytest.raises(data.DataError) as err:
        evidence(path)
    assert err.value.column == "publisher" and "names no publisher" in str(err.value)


# Phrases that describe how the research was done rather than what a source says.
PROCESS = re.compile(r"stored (?:copy|corpus|pages?|text)|not stored|\bthe corpus\b|\bleads?\.csv\b|"
                     r"\bmirror\b|seen only in|read (?:in|via) (?:a|the|an) (?:repost|stored|copy)|"
                     r"copy read\b|not found in the|reconstructed from the URL|search engine", re.I)


def _reader_notes():
    from pybtex.database import parse_file

    for key, entry in parse_file(str(BIB), bib_format="bibtex").entries.items():
        yield f"references.bib {key}", entry.fields.get("note", "") + " " + entry.fields.get("title", "")
    for row in data.claims().itertuples():
        yield f"claims.csv {row.claim_id}", f"{row.note or ''} {row.corrected_value or ''}"
    for table in data.TABLES:
        frame = data.load(table)
        for column in ("note", "summary", "label"):
            if column in frame:
                for i, text in enumerate(frame[column], start=2):
                    yield f"{table}.csv row {i}", str(text or "")


def test_reader_facing_notes_do_not_describe_the_research_process():
    leaks = [(where, PROCESS.search(text).group(0)) for where, text in _reader_notes()
             if PROCESS.search(text)]
    assert not leaks, leaks


def test_process_detector_catches_a_leak():
    assert PROCESS.search("Page not found in the stored corpus; seen only in a repost.")
    assert not PROCESS.search("AFP dispatch as republished by Dawn; the agency's own copy is not public.")
