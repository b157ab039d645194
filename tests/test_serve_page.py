"""The drafter's page in a real headless browser: Debian's chromium driven by Playwright.

Nothing is downloaded: Playwright drives the system browser (``/usr/bin/chromium``), never one
of its own (no ``playwright install``).  Where there is no browser the tests skip and say why;
``.ci/run`` installs chromium and sets ``GONGWEN_REQUIRE_BROWSER=1``, so in CI a missing browser
fails instead of skipping.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongwen_lint.api import read_docx
from gongwen_lint.cli import main as cli_main
from serving import Server, gongwen_lint_command

CHROMIUM = Path("/usr/bin/chromium")
#: The flags a root CI job on a machine without a network needs (see .ci/run).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "通知草稿.docx"
WIDTH, HEIGHT = 1366, 768


def _unavailable(reason: str) -> None:
    if os.environ.get("GONGWEN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (GONGWEN_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        _unavailable("the serve extra is not installed (pip install -e '.[serve]')")
    if not CHROMIUM.exists():
        _unavailable("no browser at /usr/bin/chromium (Debian: apt-get install chromium)")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("page")
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    return folder


@pytest.fixture(scope="module")
def server(work, playwright_api):
    with Server("--workers", "2", cwd=work) as s:
        yield s


@pytest.fixture(scope="module")
def expected(work) -> dict:
    out = subprocess.run([*gongwen_lint_command(), "check", EXAMPLE.name, "--format", "json"], cwd=work,
                         capture_output=True, text=True, encoding="utf-8", check=False)
    return json.loads(out.stdout)["files"][0]


@pytest.fixture(scope="module")
def context(playwright_api, tmp_path_factory):
    """A fresh profile (user-data-dir) for this module's pages."""
    ctx = playwright_api.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
        args=CHROMIUM_ARGS, viewport={"width": WIDTH, "height": HEIGHT}, accept_downloads=True, locale="zh-CN",
    )
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, server):
    """The page, fresh; fails the test if it asks anything of another origin or throws."""
    p = context.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    p.on("request", lambda r: None if r.url.startswith((server.url, "data:", "blob:")) else foreign.append(r.url))
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.goto(server.url)
    yield p
    p.close()
    assert foreign == [], "the page must load nothing from outside the server"
    assert errors == [], errors


def upload(page, path: Path = EXAMPLE) -> None:
    page.set_input_files("#file", str(path))
    page.wait_for_selector("#result:not([hidden]) li.finding")


def test_upload_shows_each_finding_highlighted_where_it_is(page, expected):
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator("h1").inner_text() == "公文草稿检查"
    upload(page)
    assert page.locator("#result-title").inner_text() == EXAMPLE.name
    findings = expected["diagnostics"]
    assert page.locator("li.finding").count() == len(findings) > 5
    # Every finding's marks, joined in reading order, are exactly its excerpt.
    marked = page.evaluate("""() => {
        const out = {};
        for (const m of document.querySelectorAll('#doc mark.hl'))
            for (const id of m.dataset.findings.split(' ')) out[id] = (out[id] || '') + m.textContent;
        return out;
    }""")
    for i, d in enumerate(findings):
        if d["location"]["end"] > d["location"]["start"]:
            assert marked[str(i)] == d["excerpt"], d
    # The mark sits in the paragraph the finding names, labelled with its role.
    gw102 = next(i for i, d in enumerate(findings) if d["code"] == "GW102")
    para = page.locator(f"#p-body-{findings[gw102]['location']['paragraph']}")
    assert para.locator("mark.hl.sev-error").count() >= 1
    assert para.locator(".role").inner_text() == "发文字号"


def test_findings_are_grouped_by_severity_then_rule_with_explanation_and_fix(page, expected):
    upload(page)
    findings = expected["diagnostics"]
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    counts = {s: sum(d["severity"] == s for d in findings) for s in labels}
    headings = page.locator(".sev-group > h3").all_inner_texts()
    assert headings == [f"{labels[s]} {n}" for s, n in counts.items() if n]
    for sev in labels:
        codes = page.locator(f".sev-group.sev-{sev} .rule").evaluate_all("els => els.map(e => e.dataset.code)")
        assert codes == sorted({d["code"] for d in findings if d["severity"] == sev})
    rule = page.locator('.rule[data-code="GW102"]')
    rule.locator("summary").click()
    explanation = CliRunner().invoke(cli_main, ["rule", "GW102"]).output
    assert rule.locator("pre").inner_text().strip() == explanation.strip()
    assert "建议改为：「宜政办发〔2024〕7号」" in rule.locator("li.finding").inner_text()


def test_a_finding_leads_to_its_text_and_back(page, expected):
    upload(page)
    date = next(i for i, d in enumerate(expected["diagnostics"]) if d["code"] == "GW103")
    page.locator(f"#f-{date} button.goto").click()
    mark = page.locator(f'#doc mark.hl[data-findings~="{date}"]').first
    assert "current" in mark.get_attribute("class")
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    box, doc = mark.bounding_box(), page.locator("#doc").bounding_box()
    assert doc["y"] <= box["y"] and box["y"] + box["height"] <= doc["y"] + doc["height"]  # scrolled into view
    page.locator(f'#doc mark.hl[data-findings~="{date}"]').first.click()
    assert "selected" in page.locator(f"#f-{date}").get_attribute("class")


def test_keyboard_only(page, expected):
    for _ in range(4):  # the docs link, then the file chooser
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "file":
            break
    assert page.evaluate("document.activeElement.id") == "file"
    upload(page)
    assert page.evaluate("document.activeElement.id") == "result-title"  # focus follows the result
    page.locator("#tab-findings").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("#tab-structure").get_attribute("aria-selected") == "true"
    assert page.locator("#panel-structure").is_visible() and not page.locator("#panel-findings").is_visible()
    inspect = json.loads(subprocess.run([*gongwen_lint_command(), "inspect", str(EXAMPLE), "--format", "json"],
                                        capture_output=True, text=True, encoding="utf-8", check=False).stdout)
    roles = page.locator("#panel-structure td.role").all_inner_texts()
    assert len(roles) == sum(p["part"] == "body" and p["role"] != "empty" for p in inspect["paragraphs"])
    assert roles[:3] == ["发文机关标志", "发文字号", "标题"]
    page.keyboard.press("ArrowLeft")
    assert page.locator("#tab-findings").get_attribute("aria-selected") == "true"
    page.locator("li.finding button.goto").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MARK"


def test_readable_at_1366_by_768(page):
    upload(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH  # no sideways scrolling
    assert page.evaluate("document.documentElement.scrollHeight") <= HEIGHT + 1  # the panes scroll, not the page
    doc, panels = page.locator("#doc").bounding_box(), page.locator(".panels").bounding_box()
    for box in (doc, panels):
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH and box["height"] >= 0.55 * HEIGHT
    assert doc["x"] + doc["width"] <= panels["x"]  # side by side
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#doc .para .text')).fontSize)")
    assert size >= 15


def test_download_the_annotated_and_the_fixed_copy(page, expected, tmp_path):
    upload(page)
    with page.expect_download() as info:
        page.click("#download-annotated")
    assert info.value.suggested_filename == "通知草稿-批注稿.docx"
    annotated = tmp_path / info.value.suggested_filename
    info.value.save_as(annotated)
    doc = read_docx(annotated)
    comments = [c for c in doc.comments if c.author == "gongwen-lint"]
    findings = expected["findings"]  # one comment per paragraph and rule, a line per finding (issue 14)
    groups = {(f["location"]["part"], f["location"]["paragraph"], f["last_paragraph"], f["code"]) for f in findings}
    assert len(comments) == len(groups)
    assert {line for c in comments for line in c.text.split("\n") if line.startswith("[GW")} == {
        f"[{f['code']}] {f['message']}" for f in findings}
    from playwright.sync_api import expect

    # Locator assertions poll from Playwright's own world: a string predicate for wait_for_function
    # needs eval in the page, which the page's CSP forbids (that made this test flaky).
    expect(page.locator("#download-status")).to_contain_text("条批注")

    with page.expect_download() as info:
        page.click("#download-fixed")
    fixed = tmp_path / info.value.suggested_filename
    info.value.save_as(fixed)
    assert fixed.name == "通知草稿-修改稿.docx"
    texts = [p.text for p in read_docx(fixed).body]
    assert "宜政办发〔2024〕7号" in texts and "2024年3月12日" in texts


def test_a_dropped_bad_file_gets_the_cli_message_and_the_page_goes_on(page, work):
    bad = work / "旧稿.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    out = subprocess.run([*gongwen_lint_command(), "check", bad.name, "--format", "json"], cwd=work,
                         capture_output=True, text=True, encoding="utf-8", check=False)
    message = json.loads(out.stdout)["files"][0]["error"]
    page.evaluate("""([name, data]) => {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name));
        document.querySelector('#drop').dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }""", [bad.name, base64.b64encode(bad.read_bytes()).decode()])
    from playwright.sync_api import expect

    expect(page.locator("#status")).to_have_class(re.compile(r"\berror\b"))
    assert page.locator("#status").inner_text() == message
    assert page.locator("#status").get_attribute("role") == "alert"
    upload(page)  # the same page checks the next draft
    assert page.locator("#status").inner_text().startswith("检查完成")


def test_a_missing_element_flags_its_paragraph(page, work):
    draft = work / "缺日期.txt"
    draft.write_text("关于召开全市防汛工作会议的通知\n各乡镇人民政府：\n定于7月1日召开会议，请准时参加。\n特此通知。\n宜城市水利局\n",
                     encoding="utf-8")
    upload(page, draft)
    finding = page.locator("li.finding")
    assert finding.count() == 1 and "缺少成文日期" in finding.inner_text()
    flagged = page.locator("#doc .para.flag")
    assert flagged.count() == 1 and flagged.locator(".role").inner_text() == "发文机关署名"
    flagged.locator("button.flag-mark").click()
    assert "selected" in finding.get_attribute("class")
    assert page.locator("#download-annotated").is_disabled()  # a .txt draft has no Word comments
    assert page.locator("#download-fixed").is_disabled()  # and nothing here can be fixed automatically
