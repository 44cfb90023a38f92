"""YAML documents: read as JSON is, with the place of every scalar kept."""
from __future__ import annotations

import io
from typing import Any, Iterator

from ..errors import SourceError
from .base import DocumentReader
from .items import Item, Options
from .tree import MAX_DEPTH, Lit, Obj, Positions, Str, TreeUnits

MAX_ALIAS_NODES = 100_000
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"


class YamlReader(DocumentReader):
    kind = "yaml"

    def parse(self, text: str, bad_lines: frozenset[int]) -> Iterator[Item]:
        return read_yaml(text, self.path, self.opts, bad_lines)


def _compose(text: str) -> Any:
    import yaml  # imported here: only YAML inputs need it

    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        # The composer recurses once per level: ``[[[[…`` thousands deep overflows it.
        raise SourceError(f"YAML 格式错误：嵌套超过 {MAX_DEPTH} 层") from None
    except yaml.reader.ReaderError as exc:
        # Raised for control characters, which YAML does not allow; its own text has two lines.
        at = Positions(text)(exc.position)
        raise SourceError(f"YAML 格式错误：第 {at[0]} 行第 {at[1]} 列：YAML 不允许字符 "
                          f"U+{exc.character:04X}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(f"YAML 格式错误：{where}{' '.join(problem.split())}") from None


class _Tree:
    """A composed YAML node graph as plain objects with :class:`Str`/:class:`Lit` leaves.

    An alias stands for its anchor's whole node, so each one is expanded again: nine
    aliases of nine aliases of ... ("billion laughs") would take hours and gigabytes,
    and an anchor holding an alias of itself would never end; both are bounded.
    Merge keys (``<<: *base``) bring in the pairs of the mappings they name; the
    mapping's own keys win, then earlier merged mappings over later ones.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.places: dict[int, tuple[int, int]] = {}
        self.spans: dict[int, tuple[int, int]] = {}
        self.seen: set[int] = set()
        self.expanded = 0

    def convert(self, n: Any, depth: int = 0) -> Any:
        import yaml

        if depth > MAX_DEPTH:
            raise SourceError(f"YAML 格式错误：第 {n.start_mark.line + 1} 行：嵌套超过 {MAX_DEPTH} 层"
                              "（或别名引用了自身）")
        if id(n) in self.seen:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_NODES:
                raise SourceError(f"YAML 别名展开后超过 {MAX_ALIAS_NODES} 个节点，已跳过这个文件")
        else:
            self.seen.add(id(n))
        if isinstance(n, yaml.ScalarNode):
            # Only strings are read as such: other scalars stay as written (`yes`, `1103`,
            # `2026-11-03` are what the author typed), and constructing them can fail.
            if n.tag == _STR:
                leaf: Any = Str(n.value, 0)
            else:
                leaf = Lit(None if n.tag == _NULL else n.value, n.value, 0)
            self.places[id(leaf)] = _place(n, self.lines)
            # The end mark of a block scalar is the start of the next line.
            end = n.end_mark.line + (0 if n.end_mark.column else -1)
            self.spans[id(leaf)] = (n.start_mark.line + 1, max(end, n.start_mark.line) + 1)
            return leaf
        if isinstance(n, yaml.SequenceNode):
            return [self.convert(c, depth + 1) for c in n.value]
        if isinstance(n, yaml.MappingNode):
            own: list[tuple[str, Any]] = []
            merged: list[tuple[str, Any]] = []
            for k, v in n.value:
                if k.tag == _MERGE:
                    sources = v.value if isinstance(v, yaml.SequenceNode) else [v]
                    for source in sources:
                        sub = self.convert(source, depth + 1)
                        if not isinstance(sub, Obj):
                            raise SourceError(f"YAML 格式错误：第 {k.start_mark.line + 1} 行：“<<” "
                                              "合并的应为映射（或映射的列表）")
                        merged.extend(p for p in sub.pairs if p[0] not in {m for m, _ in merged})
                else:
                    own.append((self.key(k), self.convert(v, depth + 1)))
            obj = Obj()
            names = {name for name, _ in own}
            obj.pairs = [p for p in merged if p[0] not in names] + own
            obj.update(obj.pairs)
            return obj
        return None

    def key(self, n: Any) -> str:
        import yaml

        if isinstance(n, yaml.ScalarNode) and n.tag == _STR:
            return str(n.value)
        if not isinstance(n, yaml.ScalarNode) and not _small(n):
            return "{…}" if isinstance(n, yaml.MappingNode) else "[…]"   # not expanded: see above
        try:
            return str(yaml.SafeLoader(io.StringIO("")).construct_object(n, deep=True))
        except (ValueError, TypeError, yaml.YAMLError):
            return str(getattr(n, "value", ""))


def read_yaml(text: str, path: str, opts: Options, bad_lines: "frozenset[int]" = frozenset()) -> Iterator[Item]:
    node = _compose(text)
    if node is None:
        return
    tree = _Tree(text)
    converted = tree.convert(node)

    def lost(leaf: Any) -> bool:
        first, last = tree.spans[id(leaf)]
        return any(first <= n <= last for n in bad_lines)

    units = TreeUnits(path, opts, lambda leaf: tree.places[id(leaf)], lost=lost if bad_lines else None)
    yield from units.document(converted)


def _small(node: Any, limit: int = 100) -> bool:
    """Whether a YAML node has at most ``limit`` nodes under it, counting aliases each time."""
    todo = [node]
    count = 0
    while todo:
        n = todo.pop()
        count += 1
        if count > limit:
            return False
        if isinstance(n.value, list):
            for child in n.value:
                todo.extend(child if isinstance(child, tuple) else (child,))
    return True


def _place(node: Any, lines: list[str]) -> tuple[int, int]:
    line, column = node.start_mark.line, node.start_mark.column
    if node.style in ('"', "'"):
        return line + 1, column + 2
    if node.style in ("|", ">"):
        # A block scalar's text starts on the next non-blank line, at its indentation.
        for i in range(line + 1, len(lines)):
            if lines[i].strip():
                return i + 1, len(lines[i]) - len(lines[i].lstrip()) + 1
        return line + 2, 1
    return line + 1, column + 1
