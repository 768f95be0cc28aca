"""Read a corpus file into the exact text every offset indexes, with the page starts we can recover.

Text files are decoded as UTF-8 and nothing else: no normalisation, so a citation's `start`/`end` index
the same string as `path.read_bytes().decode("utf-8")`. PDFs are read from their text layer with pypdf.
Bad input raises `InputError` naming the file and the fix.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ruimtegraaf.errors import InputError
from ruimtegraaf.model import SourceText

if TYPE_CHECKING:
    from pypdf import PdfReader

TEXT_SUFFIXES = (".txt", ".md")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES

# A line that begins with exactly one space, then a non-space character, starts a PDF page in the
# extracted .txt files. A "Pagina N van M" margin line inside a margin block is not a page start.
_PAGE_SIGNAL = re.compile(r"(?m)^ (?=\S)(?!Pagina \d+ van \d+\s*$)")
# Bytes below 0x20 that text files carry: TAB, LF, VT, FF, CR, ESC.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_BINARY_SHARE = 0.10  # more control bytes than this (in the first 8 KB) means "not text"


def read_document(path: Path, corpus_dir: Path, data: bytes | None = None) -> SourceText:
    """Read one corpus file (.txt, .md or .pdf) into a SourceText whose offsets are citation offsets.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "brief.txt").write_bytes("Aan: de Kamer\\n Tweede pagina\\n".encode())
    >>> src = read_document(d / "brief.txt", d)
    >>> src.path, src.page_starts, src.page_at(15)
    ('brief.txt', (0, 14), 2)

    `data` is the file's bytes when the caller has read them already (`read_bytes`).
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(str(path), f"unsupported file type '{path.suffix or '(none)'}'",
                         f"convert it to one of {', '.join(SUFFIXES)} or move it out of the corpus folder")
    data = read_bytes(path) if data is None else data
    rel = corpus_path(path, corpus_dir)
    if suffix in PDF_SUFFIXES:
        text, starts = _pdf_text(path, data)
        return SourceText(rel, text, starts)
    text = decode_text(path, data)
    starts = text_page_starts(text) if suffix == ".txt" else ()
    return SourceText(rel, text, starts)


def corpus_path(path: Path, corpus_dir: Path) -> str:
    """The file's path relative to the corpus folder, with forward slashes (the citation `document`)."""
    try:
        return path.resolve().relative_to(corpus_dir.resolve()).as_posix()
    except ValueError:
        return path.name


def text_page_starts(text: str) -> tuple[int, ...]:
    """Page start offsets from the page signal of the extracted files: a line opening with one space.

    Page 1 starts at offset 0 whether or not line 1 carries the signal.

    >>> text_page_starts(" one\\ntwo\\n three\\n  indented\\n")
    (0, 9)
    """
    starts = [m.start() for m in _PAGE_SIGNAL.finditer(text) if m.start() > 0]
    return (0, *starts)


def decode_text(path: Path, data: bytes) -> str:
    """Decode a text file's bytes as UTF-8 exactly, or say why the file is not usable text."""
    if not data.strip():
        raise InputError(str(path), "the file is empty (no text at all)",
                         "export the document again, or remove the empty file from the corpus folder")
    if b"\x00" in data or _control_share(data[:8192]) > _BINARY_SHARE:
        raise InputError(str(path), "this is a binary file, not text",
                         "export the document as UTF-8 text (.txt) or PDF, or remove it from the corpus")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(str(path), f"not UTF-8 text: byte offset {err.start} (line {line}) is "
                         f"0x{data[err.start]:02x}",
                         "re-save the file as UTF-8 (e.g. `iconv -f windows-1252 -t utf-8`)") from None


MAX_BYTES = 64 * 1024 * 1024  # one document; a larger file is almost surely not one letter or list


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError saying why the file cannot be opened."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"the file is {size / 2**20:.2f} MB, more than the {MAX_BYTES / 2**20:.2f} MB "
                             "one document may have", "split it into its documents or remove it from the corpus")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "the file does not exist",
                         "check the path and the corpus folder") from None
    except IsADirectoryError:
        raise InputError(str(path), "this is a folder, not a file",
                         "put documents directly in the corpus folder") from None
    except OSError as err:
        raise InputError(str(path), f"the file cannot be read ({err.strerror})",
                         "check its permissions and that the disk is readable") from None


def _control_share(data: bytes) -> float:
    """The share of bytes that are control characters no text file contains."""
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls / len(data)


def _pdf_text(path: Path, data: bytes) -> tuple[str, tuple[int, ...]]:
    """The text layer of a PDF, pages joined with "\\n", and the offset where each page starts."""
    from pypdf import PdfReader  # imported here: keep module import light
    from pypdf.errors import DependencyError, PyPdfError

    where = str(path)
    if not data:
        raise InputError(where, "the file is empty (0 bytes)", "export the PDF again")
    if b"%PDF-" not in data[:1024]:
        raise InputError(where, "this is not a PDF (no %PDF- header)",
                         "export the document as PDF again, or give it the right file extension")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(where, "the PDF is truncated (no %%EOF marker at the end)",
                         "download or export the PDF again; the file was cut off")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _unlock(reader, where)
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except DependencyError:
        raise InputError(where, "the PDF is encrypted with AES",
                         "decrypt it first (e.g. `qpdf --decrypt in.pdf out.pdf`) "
                         "and put the decrypted copy in the corpus") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as err:
        raise InputError(where, f"the PDF cannot be read ({type(err).__name__}: {err})",
                         "the file is damaged or truncated; export or download it again") from None
    if not pages:
        raise InputError(where, "the PDF has no pages", "export the document again")
    if not any(p.strip() for p in pages):
        raise InputError(where, "the PDF has no text layer (scanned images only)",
                         "run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) and put the OCR'd PDF in the corpus")
    starts, offset = [], 0
    for text in pages:
        starts.append(offset)
        offset += len(text) + 1
    return "\n".join(pages), tuple(starts)


def _unlock(reader: PdfReader, where: str) -> None:
    """Open an encrypted PDF that needs no password (owner password only); refuse the others."""
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise InputError(where, "the PDF is encrypted and needs a password",
                         "decrypt it first (e.g. `qpdf --password=… --decrypt in.pdf out.pdf`) "
                         "and put the decrypted copy in the corpus")
