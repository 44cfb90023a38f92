"""Read input files into units: one reason each, with where it came from.

Readers stream and yield three kinds of items in file order: :class:`Unit`,
:class:`InputError` and, last for each file, :class:`FileEnd`, so the caller can
finish per-file work (unused file-wide suppressions) without holding the file's
units. Each format is one :class:`~reasonlint.sources.base.Reader` in
:data:`~reasonlint.sources.reading.READERS`.
"""
from __future__ import annotations

from ..errors import SourceError
from .decode import MAX_LINE, SAMPLE, Lines, detect_encoding
from .fields import CHANNEL_ALIASES, COMPLAINT_KEYS, CHANNEL_KEYS, REASON_KEYS, channel_value
from .files import EXTENSIONS, expand, kind_of, open_input
from .items import INPUT_FORMATS, FileEnd, InputError, Item, Options, Unit
from .reading import READERS, read, sniff

__all__ = [
    "CHANNEL_ALIASES", "CHANNEL_KEYS", "COMPLAINT_KEYS", "EXTENSIONS", "INPUT_FORMATS", "MAX_LINE",
    "READERS", "REASON_KEYS", "SAMPLE", "FileEnd", "InputError", "Item", "Lines", "Options",
    "SourceError", "Unit", "channel_value", "detect_encoding", "expand", "kind_of", "open_input",
    "read", "sniff",
]
