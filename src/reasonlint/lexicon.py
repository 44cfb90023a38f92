"""Load the word lists in ``lexicons/``: plain, commented, sectioned text files.

File format (see lexicons/README.txt)::

    # a comment; blank lines are ignored
    [section]          # entries below belong to this section
    补发                # one phrase per line
    以于 => 已于        # a mapping entry (variants, traditional characters)
    re: 退款?\\d+元     # a regular expression entry

Lexicon folders given in the configuration are read after the built-in one; their
entries are added to the same file's sections.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache, partial
import importlib
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple, Optional

from .errors import LexiconError

LEXICON_FILES = (
    "userwords", "resolutions", "evidence", "templates", "negation", "promise", "modality",
    "actors", "channels", "complaints", "placeholders", "dates", "identifiers", "traditional",
    "variants", "homophones", "english", "suggestions", "products", "labels", "grammar",
)


# Users' files: a word list this large is a mistake (a dictionary dump, a log file), and
# loading it would take minutes and gigabytes. The built-in lists are far below both.
MAX_LEXICON_BYTES = 4 << 20
MAX_LEXICON_ENTRIES = 50_000
# A user's regular expression: longer ones are refused, and so are ones whose bounded
# repeats nest into more copies than this (``(((a{100}){100}){100})`` is compiled into
# a million copies of ``a``: seconds and gigabytes).
MAX_PATTERN_CHARS = 1000
MAX_PATTERN_EXPANSION = 100_000


class Entry(NamedTuple):
    # A tuple, not a dataclass: every process makes thousands at start-up.
    text: str
    value: str
    is_regex: bool
    path: str
    line: int
    # Shipped with reasonlint (tested, run by the standard re) rather than added by a
    # user (run by the regex module under a timeout).
    builtin: bool = False


@dataclass
class Lexicon:
    """One lexicon name (e.g. ``evidence``) merged from every folder: section -> entries."""

    name: str
    sections: dict[str, list[Entry]] = field(default_factory=dict)

    def words(self, section: str) -> list[str]:
        return [e.text for e in self.sections.get(section, ()) if not e.is_regex]

    def entries(self, section: str) -> list[Entry]:
        return list(self.sections.get(section, ()))

    def mapping(self, section: str) -> dict[str, str]:
        return {e.text: e.value for e in self.sections.get(section, ()) if not e.is_regex}

    def all_words(self) -> Iterator[str]:
        for entries in self.sections.values():
            for e in entries:
                if not e.is_regex:
                    yield e.text


_SECTION = re.compile(r"^\[([A-Za-z0-9_.:-]+)\]$")


_COMMENT = re.compile(r"\s#")


def _strip_comment(line: str) -> str:
    # "#" starts a comment at the line start or after whitespace, so "C#" stays an entry.
    if "#" not in line:
        return line.strip()  # most lines: no pattern search
    if line.lstrip().startswith("#"):
        return ""
    m = _COMMENT.search(line)
    return (line[: m.start()] if m else line).strip()


# Only these end a line: str.splitlines() also splits at U+2028, U+0085 and form feeds,
# which would shift every line number after them in an error message.
_EOL = re.compile(r"\r\n|\r|\n")


def parse(text: str, path: str, into: Lexicon, builtin: bool = False,
          schema: Optional[Mapping[str, str]] = None) -> None:
    """Add the entries of one file to ``into``.

    ``schema`` (for users' files) maps each section that may appear to ``"map"`` (every
    entry must be ``left => right``) or ``"word"`` (no mappings): a section name or
    entry the linter would never read is an error, not a silent no-op.
    """
    section = "default"
    seen: dict[tuple[str, str], int] = {
        (sec, e.text): e.line for sec, es in into.sections.items() for e in es if e.path == path
    }
    entries = 0
    for lineno, raw in enumerate(_EOL.split(text), 1):
        line = _strip_comment(raw)
        if not line:
            continue
        entries += 1
        if schema is not None and entries > MAX_LEXICON_ENTRIES:
            raise LexiconError(f"{path}:{lineno}: 词库文件超过 {MAX_LEXICON_ENTRIES} 个条目；"
                               "请只放审核需要的词语")
        m = _SECTION.match(line) if line[0] == "[" else None
        if m:
            section = m.group(1)
            if schema is not None and section not in schema:
                raise LexiconError(f"{path}:{lineno}: 未知的节 [{section}]；可用：{_names(schema)}")
            into.sections.setdefault(section, [])
            continue
        if line.startswith("["):
            raise LexiconError(f"{path}:{lineno}: 节名写法有误：{line!r}（应为 [名称]）")
        is_regex = line.startswith("re:")
        body = line[3:].strip() if is_regex else line
        value = ""
        if not is_regex and "=>" in body:
            left, _, right = body.partition("=>")
            body, value = left.strip(), right.strip()
            if not body or not value:
                raise LexiconError(f"{path}:{lineno}: 映射两边都不能为空：{line!r}")
        if not body:
            raise LexiconError(f"{path}:{lineno}: 空条目")
        if schema is not None:
            kind = schema.get(section)
            if kind is None:   # entries above the first [section] line
                raise LexiconError(f"{path}:{lineno}: 条目前面缺少节名；请先写一行节名，如 "
                                   f"[{next(iter(schema), 'words')}]（可用：{_names(schema)}）")
            if kind == "map" and not value:
                raise LexiconError(f"{path}:{lineno}: [{section}] 的条目应为映射“左 => 右”，得到 {line!r}")
            if kind == "word" and value:
                raise LexiconError(f"{path}:{lineno}: [{section}] 的条目不能是映射（=> 右边会被忽略）：{line!r}")
        if is_regex:
            if not builtin:
                problem = pattern_problem(body)
                if problem:
                    raise LexiconError(f"{path}:{lineno}: 正则表达式{problem}")
            try:
                compile_pattern(body, builtin)
            except Exception as exc:  # re.error and regex.error share no base class
                raise LexiconError(f"{path}:{lineno}: 正则表达式无效：{exc}") from None
        key = (section, body)
        if key in seen:
            raise LexiconError(f"{path}:{lineno}: 重复条目 {body!r}（第{seen[key]}行已有）")
        seen[key] = lineno
        into.sections.setdefault(section, []).append(Entry(body, value, is_regex, path, lineno, builtin))


def _names(schema: Mapping[str, str]) -> str:
    extra = [f"{_ISSUE_PREFIX}<名称>"] if getattr(schema, "issues", False) else []
    return ", ".join([*schema, *extra])


# complaints.txt may gain issue categories of its own: any [issue_<name>] section.
_ISSUE_PREFIX = "issue_"


class _Schema(dict):  # type: ignore[type-arg]
    """Section -> entry kind of one built-in lexicon, for checking users' files."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__()
        for name, entries in lexicon.sections.items():
            mappings = sum(1 for e in entries if e.value)
            self[name] = "map" if entries and mappings == len(entries) else "word" if not mappings else "any"
        self.issues = lexicon.name == "complaints"

    def __contains__(self, section: object) -> bool:
        return super().__contains__(section) or self._issue(section)

    def get(self, section: Any, default: Any = None) -> Any:
        return "word" if self._issue(section) and not super().__contains__(section) else super().get(section, default)

    def _issue(self, section: object) -> bool:
        return self.issues and isinstance(section, str) and section.startswith(_ISSUE_PREFIX) \
            and len(section) > len(_ISSUE_PREFIX)


@lru_cache(maxsize=None)
def compile_pattern(pattern: str, builtin: bool) -> Any:
    """A lexicon pattern: the fast standard re for our own, the regex module (which
    supports a timeout) for users', imported only when a user adds one."""
    if builtin:
        from .regexes import compiled

        return compiled(pattern)
    import regex

    return regex.compile(pattern, regex.V0)


def expansion(pattern: str) -> int:
    """How many copies of its atoms compiling ``pattern`` may make: the product of the
    lower bounds of nested ``{m,n}`` repeats (what the regex module unrolls).

    Read off the text, so it works for every syntax the regex module accepts.
    """
    stack = [[0, 0]]      # per open group: [size so far, size of the last atom]
    bounds = re.compile(r"\{(\d*)(?:,(\d*))?\}")
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        atom = 1
        if c == "\\":
            i += 2
            if pattern[i - 1:i] in ("p", "P", "N", "x", "u", "U") and pattern[i:i + 1] == "{":
                end = pattern.find("}", i)
                i = n if end < 0 else end + 1
        elif c == "[":
            j = i + 1
            if pattern[j:j + 1] == "^":
                j += 1
            if pattern[j:j + 1] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
        elif c == "(":
            stack.append([0, 0])
            i += 1
            continue
        elif c == ")":
            size = stack.pop()[0] if len(stack) > 1 else 0
            atom = max(size, 1)
            i += 1
        elif c == "{" and stack[-1][1]:
            m = bounds.match(pattern, i)
            if m and (m.group(1) or m.group(2)):
                low = min(int(m.group(1) or 0), 10 ** 9)
                top = stack[-1]
                top[0] += top[1] * (max(low, 1) - 1)
                top[1] *= max(low, 1)
                i = m.end()
                continue
            i += 1
        else:
            i += 1
        top = stack[-1]
        top[0] += atom
        top[1] = atom
    return sum(group[0] for group in stack)


def pattern_problem(pattern: str) -> str:
    """Why a user's pattern is refused before it is compiled, or ""."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"超过 {MAX_PATTERN_CHARS} 个字符"
    if expansion(pattern) > MAX_PATTERN_EXPANSION:
        return f"的重复次数嵌套后超过 {MAX_PATTERN_EXPANSION} 次，编译会耗费大量时间和内存：请改写"
    return ""


def packaged(package: str) -> Any:
    """The folder of a package's data files: a Path when it is installed as files (the
    usual case), else what importlib.resources gives (a zip). importlib.resources itself
    imports tempfile, shutil and more: a share of a cold start that only a zip needs."""
    module = importlib.import_module(package)
    where = getattr(module, "__file__", None)
    if where:
        folder = Path(where).parent
        if folder.is_dir():
            return folder
    from importlib import resources

    return resources.files(package)


def _builtin_texts() -> Iterator[tuple[str, str, str]]:
    root = packaged("reasonlint.lexicons")
    for name in LEXICON_FILES:
        res = root / f"{name}.txt"
        yield name, f"lexicons/{name}.txt", res.read_text(encoding="utf-8")


def _folder_texts(folder: Path) -> Iterator[tuple[str, str, str]]:
    if not folder.is_dir():
        raise LexiconError(f"{folder}:0: 词库目录不存在")
    for path in sorted(folder.glob("*.txt")):
        name = path.stem
        if name not in LEXICON_FILES:
            raise LexiconError(f"{path}:0: 未知的词库文件名 {name!r}；可用：{', '.join(LEXICON_FILES)}")
        text = _read_user_file(path)
        if not any(_strip_comment(l) and not _SECTION.match(_strip_comment(l)) for l in text.splitlines()):
            raise LexiconError(f"{path}:0: 词库文件是空的")
        yield name, str(path), text


def _read_user_file(path: Path) -> str:
    """A user's lexicon file: a regular file of at most MAX_LEXICON_BYTES, as UTF-8.

    Opened without blocking and checked on the open file, so a FIFO (which would wait
    for a writer forever) or a link to ``/dev/zero`` (which never ends) is refused.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError) as exc:
        raise LexiconError(f"{path}:0: 无法读取：{getattr(exc, 'strerror', None) or exc}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_LEXICON_BYTES:
        os.close(fd)
        if not stat.S_ISREG(st.st_mode):
            raise LexiconError(f"{path}:0: 不是普通文件（设备、管道或目录），无法作为词库读取")
        raise LexiconError(f"{path}:0: 词库文件超过 {MAX_LEXICON_BYTES >> 20} MiB")
    with os.fdopen(fd, "rb") as f:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        try:
            data = f.read(MAX_LEXICON_BYTES + 1)
        except OSError as exc:
            raise LexiconError(f"{path}:0: 无法读取：{exc.strerror or exc}") from None
    if len(data) > MAX_LEXICON_BYTES:   # it grew after the check
        raise LexiconError(f"{path}:0: 词库文件超过 {MAX_LEXICON_BYTES >> 20} MiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LexiconError(f"{path}:{line}: 词库文件必须是 UTF-8 编码") from None


@lru_cache(maxsize=8)
def load(extra: tuple[Path, ...] = ()) -> dict[str, Lexicon]:
    """All lexicons, built-in first, then each extra folder; cached per folder set.

    Parsed once per content: the entries of the same files are read back from the start
    cache (:mod:`reasonlint.startcache`). A file that does not parse is never cached.
    """
    from . import startcache

    builtin = list(_builtin_texts())
    users = [(folder, list(_folder_texts(Path(folder)))) for folder in extra]
    key = startcache.digest(*(f"{name}\0{path}\0{text}" for name, path, text in builtin),
                            *(f"{folder}\0{name}\0{path}\0{text}" for folder, texts in users
                              for name, path, text in texts))

    def derive() -> dict[str, dict[str, list[tuple[Any, ...]]]]:
        lexicons = {name: Lexicon(name) for name in LEXICON_FILES}
        for name, path, text in builtin:
            parse(text, path, lexicons[name], builtin=True)
        schemas = {name: _Schema(lexicon) for name, lexicon in lexicons.items()}
        for _, texts in users:
            for name, path, text in texts:
                parse(text, path, lexicons[name], schema=schemas[name])
        return {name: {section: [tuple(e) for e in entries] for section, entries in lex.sections.items()}
                for name, lex in lexicons.items()}

    parsed = startcache.cached("lexicons", key, derive, _valid_parsed)
    entry = partial(tuple.__new__, Entry)
    return {name: Lexicon(name, {section: list(map(entry, entries))
                                 for section, entries in parsed[name].items()})
            for name in LEXICON_FILES}


def _valid_parsed(value: Any) -> bool:
    if not isinstance(value, dict) or set(value) != set(LEXICON_FILES):
        return False
    shape = {len(Entry._fields)}
    # map() over builtins: thousands of entries are checked at every start
    return all(isinstance(sections, dict) and all(
        isinstance(entries, list) and set(map(type, entries)) <= {tuple} and set(map(len, entries)) <= shape
        for entries in sections.values()) for sections in value.values())
