"""The start cache: what is read back equals what is derived, and a bad cache costs only time."""
from __future__ import annotations

from pathlib import Path

import pytest

from reasonlint import lexicon, startcache
from reasonlint.tokenize import Segmenter

TEXTS = ["商家已于11月3日补发货，订单号20261103001，物流记录已附。", "客服说已经退款了，我还没去查",
         "充值的点卡兑换失败了，商家答应明天补发", "手误提交，撤销投诉", "已收到全额退款50元"]


def _load(extra: tuple[Path, ...] = ()) -> dict[str, lexicon.Lexicon]:
    return lexicon.load.__wrapped__(extra)  # past the in-process cache


def _table(seg: Segmenter) -> tuple[int, dict, set]:
    t = seg.table
    return t.total, dict(t.logf), set(t.loaded)


def _cuts(seg: Segmenter) -> list[list[str]]:
    return [seg.words(t) for t in TEXTS]


def test_lexicons_read_back_equal_the_parsed_ones(cache: Path) -> None:
    first = _load()
    files = sorted(p.name for p in cache.iterdir())
    assert [f for f in files if f.startswith("lexicons-")], files
    second = _load()
    assert second == first
    assert all(isinstance(e, lexicon.Entry) for lex in second.values() for es in lex.sections.values() for e in es)


def test_segmenter_table_read_back_equals_the_built_one(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = Segmenter()
    table, cuts = _table(built), _cuts(built)
    assert [p for p in cache.iterdir() if p.name.startswith("segmenter-")]
    restored = Segmenter()
    assert _table(restored) == table
    assert _cuts(restored) == cuts
    monkeypatch.setenv("REASONLINT_NO_CACHE", "1")
    uncached = Segmenter()
    assert _table(uncached) == table and _cuts(uncached) == cuts


def test_no_cache_writes_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REASONLINT_NO_CACHE", "1")
    _load()
    Segmenter().table
    assert not cache.exists()


def test_a_damaged_or_foreign_file_is_derived_again(cache: Path) -> None:
    expected = _load()
    for path in cache.iterdir():
        path.write_bytes(b"not marshal data")
    assert _load() == expected
    import marshal

    for path in cache.iterdir():
        path.write_bytes(marshal.dumps({"something": "else"}))  # readable, but not ours
    assert _load() == expected


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REASONLINT_CACHE_DIR", str(blocker / "cache"))   # under a file: mkdir fails
    monkeypatch.delenv("REASONLINT_NO_CACHE", raising=False)
    lex = _load()
    assert lex["templates"].words("template")
    assert _cuts(Segmenter()) == _cuts(Segmenter())


def test_a_changed_lexicon_is_never_read_from_an_old_file(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "templates.txt").write_text("[template]\n测试模板甲\n", encoding="utf-8")
    assert "测试模板甲" in _load((folder,))["templates"].words("template")
    (folder / "templates.txt").write_text("[template]\n测试模板乙\n", encoding="utf-8")
    words = _load((folder,))["templates"].words("template")
    assert "测试模板乙" in words and "测试模板甲" not in words


def test_digest_names_its_inputs() -> None:
    assert startcache.digest("a", "b") != startcache.digest("ab")
    assert startcache.digest("a", "b") == startcache.digest("a", "b")
    assert len(startcache.digest("x")) == 40


def test_where_the_folder_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REASONLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("REASONLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert startcache.folder() == tmp_path / "reasonlint"
    monkeypatch.setenv("REASONLINT_CACHE_DIR", str(tmp_path / "mine"))
    assert startcache.folder() == tmp_path / "mine"
    monkeypatch.setenv("REASONLINT_NO_CACHE", "1")
    assert startcache.folder() is None


def test_old_files_are_pruned(cache: Path, tmp_path: Path) -> None:
    for i in range(startcache.KEEP + 3):
        folder = tmp_path / f"lex{i}"
        folder.mkdir()
        (folder / "templates.txt").write_text(f"[template]\n测试模板{i}\n", encoding="utf-8")
        _load((folder,))
    assert len(list(cache.glob("lexicons-*.marshal"))) == startcache.KEEP
