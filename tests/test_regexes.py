"""Built-in patterns read back from the start cache behave as ``re.compile`` makes them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from reasonlint import regexes, startcache
from reasonlint.linter import Linter

SAMPLES = ["商家已于11月3日补发货，订单号20261103001，物流记录已附。", "退款88块8已到账，交易号4200001234567890",
           "11/05 客服说已退了 ¥30.5", "2026年2月30日 买家确认：未确认", "ABC-123 abc 充值到别人账号了",
           "（未完成）【订单号】{order_id} &lt;日期&gt;", "", "   ", "退款   已到账"]


def _fresh(monkeypatch: pytest.MonkeyPatch) -> "regexes._Store":
    """A store as a new process has it: nothing read yet."""
    store = regexes._Store()
    monkeypatch.setattr(regexes, "_STORE", store)
    return store


def _same(a: "re.Pattern[str]", b: "re.Pattern[str]") -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in SAMPLES:
        assert [(m.span(), m.groups()) for m in a.finditer(text)] == [(m.span(), m.groups()) for m in b.finditer(text)]


def test_every_pattern_of_a_linter_reads_back_as_re_compiles_it(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _fresh(monkeypatch)
    made = {key: first.compiled(*key) for key in [("退款(?P<n>[0-9]+)元", 0), (r"[\u3400-\u9fff]+", 0),
                                                 ("paypal", re.IGNORECASE)]}
    first.save()
    assert [p for p in cache.iterdir() if p.name.startswith("regexes-")]
    second = _fresh(monkeypatch)
    for (pattern, flags), pat in made.items():
        again = second.compiled(pattern, flags)
        _same(again, re.compile(pattern, flags))
        _same(again, pat)
    assert not second._dirty  # all three came from the file


def test_a_linter_built_from_the_cache_gives_the_same_results(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh(monkeypatch)
    before = [Linter().check(t).to_dict() for t in SAMPLES]
    stored = _fresh(monkeypatch)
    after = [Linter().check(t).to_dict() for t in SAMPLES]
    assert stored._code and not stored._dirty, "the second linter's patterns all came from the cache"
    assert after == before
    for (pattern, flags), known in stored._code.items():
        _same(stored.compiled(pattern, flags), re.compile(pattern, flags))


def test_gates_read_back_equal_the_derived_ones(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"(?<![0-9])[0-9]+个?(?:工作日|小时|天)内"
    derived = _fresh(monkeypatch).gates(pattern)
    regexes.save()
    assert _fresh(monkeypatch).gates(pattern) == derived == regexes._derive_gates(pattern)


def test_code_the_engine_refuses_is_compiled_afresh(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _fresh(monkeypatch)
    store.compiled("退款[0-9]+元")
    store.save()
    key = startcache.digest("regexes", *store._key_parts())
    code, gates = startcache.read("regexes", key, regexes._valid)
    flags, ops, groups, groupindex, indexgroup = code[("退款[0-9]+元", 0)]
    code[("退款[0-9]+元", 0)] = (flags, ops[:-3], groups, groupindex, indexgroup)  # truncated
    startcache.write("regexes", key, (code, gates))
    again = _fresh(monkeypatch).compiled("退款[0-9]+元")
    _same(again, re.compile("退款[0-9]+元"))


@pytest.mark.parametrize("content", [b"", b"not marshal", b"\xe3\x00\x00"], ids=["empty", "text", "truncated"])
def test_a_damaged_file_is_passed_over(cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    store = _fresh(monkeypatch)
    key = startcache.digest("regexes", *store._key_parts())
    cache.mkdir(parents=True, exist_ok=True)
    (cache / f"regexes-{key}.marshal").write_bytes(content)
    _same(_fresh(monkeypatch).compiled("订单号[0-9]{6,}"), re.compile("订单号[0-9]{6,}"))


def test_with_caching_off_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REASONLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REASONLINT_NO_CACHE", "1")
    store = _fresh(monkeypatch)
    _same(store.compiled("已到账"), re.compile("已到账"))
    store.save()
    assert not (tmp_path / "cache").exists()
