"""The HTML audit report: `check --format html` and `reasonlint report`, end to end."""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reasonlint.report.aggregate import Aggregate
from reasonlint.report.htmlpage import RunInfo, write

from cli_helpers import GOOD, NO_DATE, TEMPLATE, run

HOSTILE = '</script><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


class Tags(HTMLParser):
    """Every element and the text inside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in][-1] += data


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def main_part(page: str) -> str:
    return page[page.index("<main>"):page.index("</main>")]


@pytest.fixture
def reasons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    lines = [TEMPLATE, GOOD, NO_DATE, HOSTILE, "商家已于X月X日补发，订单号XXX", TEMPLATE.replace("。", "！")]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines * 3) + "\n", encoding="utf-8")
    return path


def test_a_hostile_reason_cannot_break_out_of_the_page(reasons: Path) -> None:
    r = run("check", "r.txt", "--format", "html", "-o", "report.html")
    assert r.code == 1 and r.out == ""
    page = Path("report.html").read_text(encoding="utf-8")
    tags = parse(page)
    names = [t for t, _ in tags.tags]
    assert "img" not in names
    assert names.count("script") == 1 and names.count("style") == 1
    assert not any(k.startswith("on") for _, attrs in tags.tags for k in attrs)
    assert "&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in page
    # The one script is ours, whole: nothing was spliced into it.
    js = (Path(__file__).parents[1] / "src/reasonlint/report/html.js").read_text(encoding="utf-8")
    assert tags.raw["script"] == [js]


def test_self_contained_with_a_policy_that_admits_only_its_own_code(reasons: Path) -> None:
    run("check", "r.txt", "--format", "html", "-o", "report.html")
    page = Path("report.html").read_text(encoding="utf-8")
    tags = parse(page)
    (policy,) = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert policy is not None and "default-src 'none'" in policy

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {sha(tags.raw['script'][0])};" in policy
    assert f"style-src {sha(tags.raw['style'][0])};" in policy
    # No element loads anything: no src, no stylesheet link, every link an anchor on the page.
    for tag, attrs in tags.tags:
        assert "src" not in attrs and tag not in ("link", "iframe", "object", "embed", "img")
        if "href" in attrs:
            assert attrs["href"].startswith("#"), attrs
    ids = {a["id"] for _, a in tags.tags if "id" in a}
    for _, attrs in tags.tags:
        if attrs.get("href", "").startswith("#"):
            assert attrs["href"][1:] in ids, attrs["href"]     # every in-page link has a target
    assert not re.search(r"url\((?!#)", page)                   # CSS and SVG reference nothing outside


def test_header_counts_rules_clusters_and_rows(reasons: Path) -> None:
    run("check", "r.txt", "--format", "html", "-o", "report.html", "--ignore", "RL403")
    page = Path("report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
    assert "撤诉理由审核报告" in page and "reasonlint check" in page and "r.txt" in page
    assert '&quot;RL403&quot;' in page                         # the configuration, as resolved
    tags = parse(page)
    rows = [a for t, a in tags.tags if t == "tr" and "data-v" in a]
    assert len(rows) == 18
    data = [json.loads(line) for line in run("check", "r.txt", "--format", "json-lines", "--ignore", "RL403").out.splitlines()]
    assert sorted((a["data-v"], int(a["data-s"])) for a in rows) == sorted((d["verdict"], d["score"]) for d in data)
    # Worst first: rejects before the rest, low scores first.
    order = [(a["data-v"] != "reject", int(a["data-s"])) for a in rows]
    assert order == sorted(order)
    # Template phrases are highlighted; a rule links to its section, which quotes the catalogue.
    # Where spans overlap, the piece is marked once with every rule and the worst severity.
    assert ('<td class="text"><mark class="sev-warning" title="RL101 template-phrase">问题</mark>'
            '<mark class="sev-error" title="RL101 template-phrase；RL201 missing-resolution">已解决</mark>，'
            '<mark class="sev-warning" title="RL101 template-phrase">不想投诉了</mark>') in page
    from reasonlint.rules import get_rule

    assert 'id="rl101"' in page and get_rule("RL101").summary in page
    # The same template reason three times is one cluster of three.
    assert re.search(r"<strong>\d+</strong> 条 · 同一模板话术：<span class=\"text\">「问题已解决」", page)


def test_numbers_are_formatted_for_zh_cn() -> None:
    agg = Aggregate()
    for i in range(1234):
        agg.add({"kind": "reason", "path": "a.txt", "line": i, "text": f"理由{i}", "score": 90,
                 "verdict": "accept", "findings": []})
    from datetime import datetime, timezone
    import io

    out = io.StringIO()
    write(out, agg, RunInfo("9.9", datetime(2026, 11, 3, 8, 5, 9, tzinfo=timezone.utc), "report"))
    page = out.getvalue()
    assert '<span class="n">1,234</span>' in page
    assert "100.0%" in page and "2026年11月3日 08:05:09（UTC+00:00）" in page


def test_statistics_go_to_stderr_not_after_the_page(reasons: Path) -> None:
    r = run("check", "r.txt", "--format", "html", "-o", "report.html", "--statistics")
    assert Path("report.html").read_text(encoding="utf-8").endswith("</html>\n")
    assert "RL101" in r.err and "template-phrase" in r.err


def test_report_from_saved_results_is_the_check_report(reasons: Path) -> None:
    run("check", "r.txt", "--format", "html", "-o", "direct.html")
    Path("saved.jsonl").write_text(run("check", "r.txt", "--format", "json-lines").out, encoding="utf-8")
    r = run("report", "saved.jsonl", "-o", "saved.html")
    assert r.code == 0, r.err
    assert "已写入报告 saved.html：18 条理由" in r.err
    direct = Path("direct.html").read_text(encoding="utf-8")
    saved = Path("saved.html").read_text(encoding="utf-8")
    assert main_part(direct) == main_part(saved)
    assert "读取保存的 json-lines 结果" in saved


def test_jobs_do_not_change_the_report(reasons: Path) -> None:
    run("check", "r.txt", "--format", "html", "-o", "one.html")
    run("check", "r.txt", "--format", "html", "-o", "two.html", "--jobs", "2")
    assert main_part(Path("one.html").read_text(encoding="utf-8")) == main_part(Path("two.html").read_text(encoding="utf-8"))


def test_row_cap_says_what_was_left_out(reasons: Path) -> None:
    Path("saved.jsonl").write_text(run("check", "r.txt", "--format", "json-lines").out, encoding="utf-8")
    assert run("report", "saved.jsonl", "-o", "capped.html", "--max-rows", "5").code == 0
    page = Path("capped.html").read_text(encoding="utf-8")
    assert len([1 for t, a in parse(page).tags if t == "tr" and "data-v" in a]) == 5
    note = re.search(r'<p class="warn" id="rows-left-out">(.*?)</p>', page)
    assert note and "只嵌入了最差的 5 条理由；另有 13 条未嵌入" in note.group(1)


def test_rows_stop_at_the_size_budget() -> None:
    import io
    from datetime import datetime

    agg = Aggregate()
    for i in range(50):
        agg.add({"kind": "reason", "path": "a.txt", "line": i, "text": "商家已补发货" * 50, "score": i,
                 "verdict": "reject", "findings": [{"code": "RL203", "severity": "warning", "message": "缺日期",
                                                    "start": 0, "end": 2}]})
    out = io.StringIO()
    listed = write(out, agg, RunInfo("9.9", datetime.now(), "report"), row_bytes=10_000)
    page = out.getvalue()
    rows = re.findall(r"<tr data-v=.*\n", page)
    assert 0 < listed == len(rows) < 50
    assert sum(len(r.encode()) for r in rows) <= 10_000
    assert [int(re.search(r'data-s="(\d+)"', r).group(1)) for r in rows] == list(range(listed))   # worst first
    assert f"只嵌入了最差的 {listed} 条理由（列表大小上限 0.00953674 MB 之内）；另有 {50 - listed} 条未嵌入（驳回 {50 - listed}）" in page


def test_baseline_section(reasons: Path) -> None:
    Path("now.jsonl").write_text(run("check", "r.txt", "--format", "json-lines").out, encoding="utf-8")
    Path("good.txt").write_text(GOOD + "\n" + TEMPLATE + "\n", encoding="utf-8")
    Path("before.jsonl").write_text(run("check", "good.txt", "--format", "json-lines").out, encoding="utf-8")
    assert run("report", "now.jsonl", "--baseline", "before.jsonl", "-o", "cmp.html").code == 0
    page = Path("cmp.html").read_text(encoding="utf-8")
    assert 'id="baseline"' in page and "before.jsonl" in page
    verdicts = re.search(r'<table id="baseline-verdicts">(.*?)</table>', page).group(1)
    assert "▲" in verdicts or "▼" in verdicts
    assert "（新出现）" in page          # rules that the baseline did not have


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def saved_line(**fields: object) -> str:
    base = {"schema_version": 1, "kind": "reason", "path": "x.txt", "line": 1, "column": 1,
            "text": "问题已解决", "score": 10, "verdict": "reject", "findings": []}
    return json.dumps({**base, **fields})   # ASCII: a lone surrogate is written as \ud800


def test_saved_lines_that_are_not_results_are_reported_and_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_lines(tmp_path / "mixed.jsonl", [
        saved_line(), "", "{oops", "[1, 2]", saved_line(kind="other"), saved_line(verdict="maybe"),
        saved_line(score=True), saved_line(schema_version=2), saved_line(line=9),
    ])
    r = run("report", "mixed.jsonl", "-o", "out.html")
    assert r.code == 2
    errors = r.err.splitlines()
    assert [e.split(":")[1] for e in errors[:-1]] == ["3", "4", "5", "6", "7", "8"]
    assert "mixed.jsonl:3: 不是 JSON" in errors[0]
    assert "verdict 应为 accept、revise 或 reject" in errors[3]
    assert "已写入报告 out.html：2 条理由" in errors[-1]


def test_saved_results_from_other_producers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # A service's Result.to_dict(): no kind, no path (placed at its line of the saved file).
    (tmp_path / "svc.jsonl").write_text(json.dumps({"score": 40, "verdict": "reject", "findings": [
        {"code": "RL999", "name": "future-rule", "severity": "error", "message": "新规则", "start": 0, "end": 1}],
        "text": "ab"}) + "\n", encoding="utf-8")
    # Spark's output folder: part files, a _SUCCESS marker and .crc checksums beside them.
    spark = tmp_path / "spark-out"
    spark.mkdir()
    write_lines(spark / "part-00000.json", [saved_line(line=1)])
    with gzip.open(spark / "part-00001.json.gz", "wt", encoding="utf-8") as f:
        f.write(saved_line(line=2) + "\n")
    (spark / "_SUCCESS").write_text("")
    (spark / ".part-00000.json.crc").write_bytes(b"\x00\x01")
    r = run("report", "svc.jsonl", "spark-out", "-o", "out.html")
    assert r.code == 0, r.err
    page = Path("out.html").read_text(encoding="utf-8")
    assert "已写入报告 out.html：3 条理由" in r.err
    assert "svc.jsonl:1" in page                                 # where a path-less result came from
    assert "本版本的规则目录中没有这条规则" in page and 'id="rl999"' in page


def test_a_json_array_is_refused_with_the_way_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(TEMPLATE + "\n" + GOOD + "\n", encoding="utf-8")
    (tmp_path / "all.json").write_text(run("check", "r.txt", "--format", "json").out, encoding="utf-8")
    r = run("report", "all.json", "-o", "out.html")
    assert r.code == 2
    assert r.err.splitlines()[0] == "all.json:1: 这是一个 JSON 数组（--format json 的输出）；请改用 --format json-lines 保存结果"


def test_hostile_fields_of_saved_results_stay_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    evil = '"><img src=x onerror=alert(1)>'
    write_lines(tmp_path / "evil.jsonl", [saved_line(path=evil, key=evil, text=evil + "\ud800\x1b[31m",
                                                     suggestion=evil, findings=[
        {"code": evil, "name": evil, "severity": evil, "message": evil, "start": 0, "end": 3}])] * 2)
    assert run("report", "evil.jsonl", "-o", "out.html").code == 0
    page = Path("out.html").read_text(encoding="utf-8")
    tags = parse(page)
    assert "img" not in [t for t, _ in tags.tags]
    assert not any(k.startswith("on") for _, attrs in tags.tags for k in attrs)
    assert "\ufffd\u241b[31m" in page and "\x1b" not in page     # no lone surrogate, no raw escape code


def test_report_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_lines(tmp_path / "a.jsonl", [saved_line()])
    r = run("report", "a.jsonl", "-o", "a.jsonl")
    assert r.code == 2 and r.err.startswith("--output: ") and "报告不能写在输入上" in r.err
    assert json.loads(Path("a.jsonl").read_text(encoding="utf-8"))["verdict"] == "reject"   # untouched
    r = run("report", "missing.jsonl", "-o", "out.html")
    assert r.code == 2 and r.err.startswith("missing.jsonl: ")
    assert run("report").code == 2


def test_source_date_epoch_makes_the_page_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_lines(tmp_path / "a.jsonl", [saved_line(), saved_line(line=2, text="手误提交")])
    env = {"NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    pages = []
    for name in ("one.html", "two.html"):
        assert run("report", "a.jsonl", "-o", name, env=env).code == 0
        pages.append(Path(name).read_bytes())
    assert pages[0] == pages[1]
    assert "2026年11月18日 11:06:40（UTC+00:00）" in pages[0].decode("utf-8")   # 1795000000 s, in UTC
