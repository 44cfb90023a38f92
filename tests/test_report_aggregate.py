"""The audit report's aggregation: counts, histogram, rules, clusters, row cap, baseline."""
from __future__ import annotations

import random
from collections import Counter
from typing import Any, Optional

import pytest

from reasonlint.report.aggregate import Aggregate, Clusters, Member, aggregate, compare, masked


def finding(code: str, start: int = 0, end: int = 0, severity: str = "warning", name: str = "") -> dict[str, Any]:
    return {"code": code, "name": name or code.lower(), "severity": severity, "message": f"{code} 的说明",
            "start": start, "end": end}


def reason(text: str, score: int, verdict: str, findings: Optional[list] = None, path: str = "a.txt",
           line: int = 1, suppressed: int = 0) -> dict[str, Any]:
    return {"schema_version": 1, "kind": "reason", "path": path, "line": line, "column": 1, "text": text,
            "score": score, "verdict": verdict, "findings": findings or [], "suggestion": "改写",
            "resolution": "none", "channel": "unknown", "suppressed": suppressed}


def template(phrase: str, tail: str = "", score: int = 10) -> dict[str, Any]:
    text = phrase + tail
    return reason(text, score, "reject", [finding("RL101", 0, len(phrase)), finding("RL201", 0, len(text), "error")])


def test_counts_by_verdict_severity_rule_and_file() -> None:
    agg = aggregate([
        template("问题已解决"),
        reason("商家已于11月3日补发货，订单号20261103001，物流记录已附。", 95, "accept", path="b.txt"),
        reason("商家已补发货", 60, "revise", [finding("RL203"), finding("RL205"), finding("RL203")],
               suppressed=2),
        {"schema_version": 1, "kind": "suppression", "path": "a.txt", "line": 7, "column": 1,
         "findings": [finding("RL001")]},
    ])
    assert agg.reasons == 3
    assert agg.verdicts == {"reject": 1, "revise": 1, "accept": 1}
    assert agg.severities == {"error": 1, "warning": 5, "info": 0}
    assert agg.suppressed == 2 and agg.suppressions == 1
    assert agg.with_findings == 2
    assert agg.mean_score() == pytest.approx((10 + 95 + 60) / 3)
    # ruff --statistics order: most findings first, then code; a rule counts a reason once.
    table = [(r.code, r.findings, r.reasons) for r in agg.rule_table()]
    assert table == [("RL203", 2, 1), ("RL001", 1, 0), ("RL101", 1, 1), ("RL201", 1, 1), ("RL205", 1, 1)]
    assert agg.files == {"a.txt": [2, 1, 1, 0], "b.txt": [1, 0, 0, 1]}


def test_histogram_bins_and_score_clipping() -> None:
    agg = aggregate([reason("x", s, "revise") for s in (0, 4, 5, 99, 100, 100)]
                    + [reason("y", 130, "accept"), reason("z", -3, "reject")])
    bins = agg.histogram(5)
    assert len(bins) == 20
    assert bins[0][:2] == (0, 4) and bins[-1][:2] == (95, 100)
    assert bins[0][2] == {"reject": 1, "revise": 2, "accept": 0}     # -3 counts as 0
    assert bins[1][2]["revise"] == 1
    assert bins[-1][2] == {"reject": 0, "revise": 3, "accept": 1}    # 99, 100, 100 and 130 -> 100
    assert sum(sum(c.values()) for _, _, c in bins) == agg.reasons == 8


def test_masking_ignores_numbers_case_width_spaces_and_punctuation() -> None:
    a = masked("商家已于11月3日补发，订单号20261103001。")
    assert a == masked("商家已于 12月28日 补发,订单号 SF99。".replace("SF", ""))
    assert a == masked("商家已于１１月３日补发，订单号２０２６。")                 # fullwidth digits
    assert masked("退款1,234.50元") == masked("退款7元") == "退款#元"
    assert masked("商家已补发") != masked("商家已退款")


def test_clusters_by_template_phrase_and_by_masked_text() -> None:
    records = [template("问题已解决", f"，订单号{n}") for n in range(4)]     # 4 x phrase, 4 x same mask
    records += [template("不想投诉了", "。"), template("不想投诉了", "，谢谢")]  # 2 x phrase, 2 masks
    records.append(reason("独一无二的理由", 50, "revise"))
    agg = aggregate(records)
    got = [(kind, c.key, c.count, c.over) for kind, c in agg.clusters()]
    assert got == [("phrase", "问题已解决", 4, 0), ("text", masked("问题已解决，订单号1"), 4, 0),
                   ("phrase", "不想投诉了", 2, 0)]
    kind, biggest = agg.clusters()[0]
    # Members are kept from the second on; the count covers all of them.
    assert [m.text for m in biggest.members] == [f"问题已解决，订单号{n}" for n in range(1, 4)]
    # A row names its clusters, so the page can filter rows by cluster.
    row = next(r for r in agg.rows() if r.text == "问题已解决，订单号2")
    assert row.cluster == agg.clusters()[1][1].id
    assert row.phrases == (biggest.id,)


def test_row_cap_keeps_the_worst_first_and_counts_what_was_left_out() -> None:
    rng = random.Random(3)
    records = []
    for i in range(500):
        verdict = rng.choice(["accept", "revise", "reject"])
        records.append(reason(f"理由{i}", rng.randrange(101), verdict, [finding("RL203")] * rng.randrange(3), line=i))
    agg = aggregate(records, row_cap=40)
    rows = agg.rows()
    assert len(rows) == 40
    rank = {"accept": 0, "revise": 1, "reject": 2}
    badness = lambda r: (rank[r["verdict"]], -r["score"], len(r["findings"]), -r["line"])  # noqa: E731
    expected = sorted(records, key=badness, reverse=True)[:40]
    assert [r.line for r in rows] == [r["line"] for r in expected]
    shown = Counter(r.verdict for r in rows)
    assert agg.left_out() == {v: agg.verdicts[v] - shown[v] for v in ("reject", "revise", "accept")}
    assert sum(agg.left_out().values()) == 460
    assert aggregate(records, row_cap=0).rows() == []


def test_long_reasons_and_many_findings_are_cut_on_rows_only() -> None:
    text = "商家已补发，" * 500
    agg = aggregate([reason(text, 20, "reject", [finding("RL304", i, i + 1, "error") for i in range(30)])])
    (row,) = agg.rows()
    assert len(row.text) == 600 and row.length == len(text)
    assert len(row.findings) == 20 and row.more_findings == 10
    assert agg.severities["error"] == 30 and agg.rule_table()[0].findings == 30


def member(i: int) -> Member:
    return Member(i, "a.txt", i, "t", 0, "reject")


def test_cluster_counter_stays_bounded_and_its_counts_bracket_the_truth() -> None:
    rng = random.Random(11)
    stream = []
    for i in range(20_000):
        r = rng.random()
        stream.append("heavy" if r < 0.1 else f"warm{rng.randrange(20)}" if r < 0.3 else f"once{i}")
    counter = Clusters(capacity=300, keep=3, with_members=25)
    peak = 0
    for i, key in enumerate(stream):
        counter.add(key, member(i))
        peak = max(peak, len(counter.count), len(counter.members))
    assert peak <= 600                      # 2 x capacity keys, whatever the stream
    assert 0 < counter.floor <= len(stream) / 300   # it had to drop keys; it drops rare ones
    truth = Counter(stream)
    top = counter.top(50)
    # Keys more frequent than the floor are all there, heaviest first, counts bracketing
    # the truth; keys seen once never pass for clusters.
    assert top[0].key == "heavy"
    assert {c.key for c in top[1:]} == {f"warm{n}" for n in range(20)}
    assert [c.count for c in top] == sorted((c.count for c in top), reverse=True)
    for c in top:
        assert c.count - c.over <= truth[c.key] <= c.count, c.key
        assert 1 <= len(c.members) <= 3
    held = {c.key for c in top}
    assert all(n <= counter.floor for k, n in truth.items() if k not in held)
    assert counter.candidates() == 21


def test_exact_while_the_counter_has_room() -> None:
    counter = Clusters(capacity=1000)
    for i, key in enumerate(["a", "b", "a", "c", "a", "b"]):
        counter.add(key, member(i))
    assert [(c.key, c.count, c.over) for c in counter.top(10)] == [("a", 3, 0), ("b", 2, 0)]
    assert counter.floor == 0


def test_compare_with_a_baseline() -> None:
    base = aggregate([template("问题已解决", f"{n}") for n in range(30)]
                     + [reason("商家已补发货", 60, "revise", [finding("RL203")])] * 10
                     + [reason("好理由", 95, "accept")] * 60)
    cur = aggregate([template("问题已解决", f"{n}") for n in range(5)]
                    + [template("手误提交", f"{n}") for n in range(5)]
                    + [reason("商家已补发货", 60, "revise", [finding("RL203"), finding("RL204")])] * 10
                    + [reason("好理由", 95, "accept")] * 180)
    cmp = compare(cur, base)
    verdicts = {v: (nb, sb, nc, sc) for v, nb, sb, nc, sc in cmp.verdicts}
    assert verdicts["reject"] == (30, pytest.approx(0.3), 10, pytest.approx(0.05))
    assert verdicts["accept"][1:] == (pytest.approx(0.6), 180, pytest.approx(0.9))
    assert cmp.mean == (pytest.approx(base.mean_score()), pytest.approx(cur.mean_score()))
    rules = {code: (rb, rc, nb, nc) for code, _, _, rb, rc, nb, nc in cmp.rules}
    assert rules["RL101"] == (pytest.approx(30.0), pytest.approx(5.0), 30, 10)
    assert rules["RL204"] == (0.0, pytest.approx(5.0), 0, 10)            # new since the baseline
    # The largest changes first (RL101, RL201: -25 per 100; RL203 -5, RL204 +5), ties by code.
    assert [r[0] for r in cmp.rules[:4]] == ["RL101", "RL201", "RL203", "RL204"]
    clusters = {(kind, c.key): before for kind, c, before, _ in cmp.clusters}
    assert clusters[("phrase", "问题已解决")] == 30
    assert clusters[("phrase", "手误提交")] == 0                           # new
    shrunk = {(kind, c.key): now for kind, c, now in cmp.shrunk}
    assert shrunk[("phrase", "问题已解决")] == 5


def test_add_takes_json_lines_objects_as_check_writes_them() -> None:
    # The same dict check --format json-lines writes (reason_dict), not internal types.
    from reasonlint.model import Finding, Result
    from reasonlint.report import Checked, Located
    from reasonlint.report.json import reason_dict
    from reasonlint.sources import Unit

    text = "问题已解决，不想投诉了。"
    f = Finding("RL101", "template-phrase", "warning", "模板话术", 0, 5)
    unit = Unit(text, "r.txt", 3, 1)
    result = Result(text, "reason", 0, "reject", "none", "unknown", [], [f], "建议", ["date"])
    agg = Aggregate()
    agg.add(reason_dict(Checked(unit, result, [Located.of(f, unit)])))
    (row,) = agg.rows()
    assert (row.path, row.line, row.score, row.verdict, row.findings[0].code) == ("r.txt", 3, 0, "reject", "RL101")
    assert agg.phrases.top(1) == []          # one member is not a cluster
    assert agg.phrases.size_of(row.phrases[0]) == (1, 0)
