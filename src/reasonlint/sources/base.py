"""The one small interface every input format implements."""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Iterator

from .items import Item, Options

if TYPE_CHECKING:
    from .decode import Lines
    from .suppression import Directive

# JSON and YAML documents are parsed whole: past this many characters, they are refused.
MAX_DOCUMENT = 64 << 20


class Reader:
    """One input format: the items of one file, read from its lines.

    ``stream``: the file is a pipe read as it comes (standard input): a reader must
    hand each record on as soon as its line has arrived.
    """

    #: the format's name, as in ``--input-format``
    kind: ClassVar[str] = ""
    #: suppression comments are read in a first pass over the file (plain text only)
    prescan: ClassVar[bool] = False

    def __init__(self, path: str, opts: Options, stream: bool = False) -> None:
        self.path = path
        self.opts = opts
        self.stream = stream

    def scan(self, lines: "Lines") -> None:
        """The first pass, for formats with :attr:`prescan`."""

    def items(self, lines: "Lines") -> Iterator[Item]:
        raise NotImplementedError

    def end(self) -> "tuple[Directive, ...]":
        """Suppression comments to check once the file is done."""
        return ()


class DocumentReader(Reader):
    """A format parsed whole (JSON, YAML), up to :data:`MAX_DOCUMENT` characters."""

    def items(self, lines: "Lines") -> Iterator[Item]:
        text, bad = lines.whole(MAX_DOCUMENT)
        for n in bad:
            yield from lines.bad_line(self.path, n)
        # A bad line's reasons are skipped; the replacement characters keep the rest parseable.
        yield from self.parse(text, frozenset(bad))

    def parse(self, text: str, bad_lines: frozenset[int]) -> Iterator[Item]:
        raise NotImplementedError
