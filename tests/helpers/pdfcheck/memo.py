"""Each reader reads each PDF once per test run.

Several modules ask the same reader about the same PDFs (the footer, large
print, print polish and the workshop package all measure PDFium's glyphs of
the same handouts, in either test process). A reader wrapped in ``once_per_run``
keeps its answer for a file in the run's folder (``KIT_PDF_FACTS``, which
conftest.py makes for the run and removes after it); the next call, in this
process or the other, loads it instead of reading the PDF again.

The key is the reader and the file as it is now (its path, inode, size and
modification time), so a PDF written again, as the fixture builds do, is read
again. Without the folder (a helper used outside pytest) the reader just reads.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

FOLDER = "KIT_PDF_FACTS"
Answer = TypeVar("Answer")


def _file_key(reader: str, path: Path) -> str:
    stat = os.stat(path)
    parts = (reader, os.path.realpath(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    identity = "\0".join(str(part) for part in parts)
    return hashlib.sha256(identity.encode("utf-8", "surrogateescape")).hexdigest()


def once_per_run(reader: Callable[..., Answer]) -> Callable[..., Answer]:
    """``reader(path)``, remembered for the run; any other argument (an open
    ``PdfReader``, bytes) is read every time."""
    name = f"{reader.__module__}.{reader.__qualname__}"

    @functools.wraps(reader)
    def read(source, *args, **kwargs) -> Answer:
        folder = os.environ.get(FOLDER)
        if not folder or args or kwargs or not isinstance(source, str | os.PathLike):
            return reader(source, *args, **kwargs)
        stored = Path(folder) / f"{_file_key(name, Path(source))}.pickle"
        try:
            return pickle.loads(stored.read_bytes())
        except FileNotFoundError:
            pass
        answer = reader(source)
        # Written whole, then renamed: the other process never loads half a file
        # (if both read the PDF at once, both write the same answer).
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
            pickle.dump(answer, part, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part.name, stored)
        return answer

    return read
