"""Bad data cannot attack a reader: markup in the data shows as text and never runs."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import build, built_copy, clean_copy

SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
LINK = "<a href=\"javascript:window.__pwned='link'\">click</a>"


def _patch(path, row_id, **values):
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    key = next(iter(rows[0]))
    for row in rows:
        if row[key] == row_id:
            row.update(values)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _translate(repo, table, entries):
    import polib

    path = repo / "book" / "locales" / "fr" / "LC_MESSAGES" / "data" / f"{table}.po"
    po = polib.pofile(str(path))
    for context, english, french in entries:
        po.append(polib.POEntry(msgctxt=context, msgid=english, msgstr=french))
    po.save(str(path))


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory, strict_build):
    repo = built_copy(strict_build, tmp_path_factory.mktemp("poison") / "repo")
    events = list(csv.DictReader((repo / "data" / "events.csv").open(encoding="utf-8")))
    actors = list(csv.DictReader((repo / "data" / "actors.csv").open(encoding="utf-8")))
    _patch(repo / "data" / "events.csv", events[0]["event_id"],
           title=f"Poisoned {IMG}", summary=f"Summary {SCRIPT} {LINK}")
    _patch(repo / "data" / "actors.csv", actors[0]["actor_id"],
           name=f"Poisoned actor {SCRIPT}", summary=f"{IMG} {LINK}")
    # the French edition reads the same texts from its catalogues: poisoned there too
    _translate(repo, "events", [("title", f"Poisoned {IMG}", f"Empoisonné {IMG}"),
                                ("summary", f"Summary {SCRIPT} {LINK}", f"Résumé {SCRIPT} {LINK}")])
    _translate(repo, "actors", [("summary", f"{IMG} {LINK}", f"{IMG} {LINK}")])
    result = build(repo)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "inputs changed" in result.stdout
    return repo / "_build" / "html"


@pytest.fixture(scope="module")
def poisoned_page(poisoned_site, browser):
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(poisoned_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    contexts = []

    def open_page(rel):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{rel}", wait_until="load")
        for i in range(page.locator(".kidal-plotly").count()):
            chart = page.locator(".kidal-plotly").nth(i)
            chart.scroll_into_view_if_needed()
            # plotly draws after it loads: wait for the chart, not only for the network
            page.wait_for_function("el => el.dataset.rendered === '1'", arg=chart.element_handle(),
                                   timeout=30000)
        page.wait_for_load_state("networkidle")
        return page, dialogs

    yield open_page
    for context in contexts:
        context.close()
    server.shutdown()


def _assert_inert(page, dialogs):
    assert page.evaluate("window.__pwned") is None, "a payload ran"
    assert not dialogs
    assert page.locator("a[href^='javascript:']").count() == 0


EDITIONS = pytest.mark.parametrize("prefix, word", [("", "Poisoned"), ("fr/", "Empoisonné")],
                                   ids=["English", "French"])


@EDITIONS
def test_payloads_are_text_in_the_timeline_table_and_hover_labels(poisoned_page, prefix, word):
    page, dialogs = poisoned_page(f"{prefix}book/timeline.html")
    text = page.inner_text("table")
    assert f"{word} {IMG}" in text and SCRIPT in text and LINK in text
    point = page.evaluate("""word => {
        const div = Array.from(document.querySelectorAll('.kidal-plotly')).find(d => d.data);
        for (let c = 0; c < div.data.length; c++) {
            const cd = div.data[c].customdata || [];
            for (let p = 0; p < cd.length; p++) {
                if (String(cd[p]).includes(word)) {
                    const group = Array.from(div.querySelectorAll('.scatterlayer .trace'))
                        .find(g => g.__data__ && g.__data__[0].trace.index === c);
                    const el = group.querySelectorAll('.point')[p];
                    el.scrollIntoView({block: 'center'});
                    const r = el.getBoundingClientRect();
                    return [r.x + r.width / 2, r.y + r.height / 2];
                }
            }
        }
        return null; }""", word)
    assert point, "the poisoned event is not on the chart"
    page.mouse.move(point[0], point[1])
    page.wait_for_selector(".hoverlayer .hovertext", state="attached", timeout=5000)
    hover = page.evaluate("document.querySelector('.hoverlayer').textContent")
    assert hover is not None and IMG in hover, hover
    _assert_inert(page, dialogs)


@EDITIONS
def test_payloads_are_text_in_the_glossary(poisoned_page, prefix, word):
    page, dialogs = poisoned_page(f"{prefix}book/glossary.html")
    text = page.inner_text("table")
    assert f"Poisoned actor {SCRIPT}" in text and IMG in text and LINK in text
    _assert_inert(page, dialogs)


def test_a_javascript_url_in_the_bibliography_fails_the_build(tmp_path):
    repo = clean_copy(tmp_path / "repo")
    bib = repo / "book" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    first_url = text.split("url = {", 1)[1].split("}", 1)[0]
    bib.write_text(text.replace(first_url, "javascript:alert(1)", 1), encoding="utf-8")
    result = build(repo)
    assert result.returncode != 0
    assert "url must start with http:// or https://" in result.stdout + result.stderr
