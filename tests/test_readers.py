"""Readers: exact text, page starts, and one clear InputError per kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from ingest.readers import read_document, text_page_starts
from ruimtegraaf.errors import InputError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PAGES = ["Eerste pagina van de brief.", "Tweede pagina.\nMet een tweede regel.", "Derde pagina."]


def _pdf(pages: list[str], **encryption: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _fails(path: Path, corpus: Path, *words: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_document(path, corpus)
    message = str(caught.value)
    assert path.name in message and "\n" not in message
    for word in words:
        assert word.lower() in message.lower(), message
    return caught.value


# --- text files -------------------------------------------------------------------------------

def test_text_is_the_decoded_bytes_unchanged(tmp_path: Path) -> None:
    data = "\ufeffKop\r\n Pagina twee  \r\n\tTAB\u00a0nbsp\n".encode()
    src = read_document(_write(tmp_path, "a.txt", data), tmp_path)
    assert src.text == data.decode("utf-8")
    assert src.path == "a.txt"


def test_page_signal_one_leading_space_starts_a_page() -> None:
    text = "kop\ntekst\n volgende pagina\n  twee spaties: geen pagina\n \n\tTAB\n derde\n"
    starts = text_page_starts(text)
    assert starts == (0, text.index(" volgende"), text.index(" derde"))


def test_page_signal_on_line_one_is_page_one() -> None:
    assert text_page_starts(" eerste\ntekst\n tweede\n") == (0, 14)


def test_pagina_margin_line_is_not_a_page_start() -> None:
    text = "tekst\n Ministerie van \nDatum\n Pagina 10 van 10 \nverder\n"
    assert text_page_starts(text) == (0, text.index(" Ministerie"))


def test_markdown_has_no_pages(tmp_path: Path) -> None:
    src = read_document(_write(tmp_path, "n.md", b"# Kop\n eerste\n"), tmp_path)
    assert src.text == "# Kop\n eerste\n" and src.page_starts == ()


def test_path_is_corpus_relative_with_forward_slashes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    src = read_document(_write(tmp_path / "sub", "x.txt", b"tekst\n"), tmp_path)
    assert src.path == "sub/x.txt"


def test_real_corpus_reads_exactly() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        src = read_document(path, CORPUS)
        assert src.text == path.read_bytes().decode("utf-8")
        assert src.page_starts[0] == 0 and list(src.page_starts) == sorted(set(src.page_starts))


def test_real_corpus_page_signal_agrees_with_pagina_margin_of_002() -> None:
    path = CORPUS / "002_252ae2c6ad85025d.txt"
    src = read_document(path, CORPUS)
    line_866 = src.text.index(" Pagina 10 van 10")
    assert len(src.page_starts) == 10
    assert src.page_at(line_866) == 10


# --- PDFs -------------------------------------------------------------------------------------

def test_pdf_pages_joined_with_newline_and_page_starts(tmp_path: Path) -> None:
    src = read_document(_write(tmp_path, "brief.pdf", _pdf(PAGES)), tmp_path)
    assert src.text == "\n".join(PAGES)
    assert src.page_starts == (0, len(PAGES[0]) + 1, len(PAGES[0]) + len(PAGES[1]) + 2)
    assert src.page_at(src.text.index("Tweede")) == 2
    assert src.page_at(src.text.index("Derde")) == 3


def test_pdf_with_owner_password_only_is_read(tmp_path: Path) -> None:
    src = read_document(_write(tmp_path, "open.pdf", _pdf(["Leesbaar"], owner_password="eigenaar")), tmp_path)
    assert src.text == "Leesbaar"


def test_encrypted_pdf(tmp_path: Path) -> None:
    data = _pdf(["Geheim"], owner_password="eigenaar", user_password="geheim")
    _fails(_write(tmp_path, "geheim.pdf", data), tmp_path, "encrypted", "decrypt")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _pdf(PAGES)
    _fails(_write(tmp_path, "kapot.pdf", data[: len(data) // 2]), tmp_path, "truncated")


def test_damaged_pdf(tmp_path: Path) -> None:
    data = b"%PDF-1.4\n" + b"rommel " * 50 + b"\n%%EOF\n"
    _fails(_write(tmp_path, "rommel.pdf", data), tmp_path, "cannot be read")


def test_not_a_pdf(tmp_path: Path) -> None:
    _fails(_write(tmp_path, "tekst.pdf", b"gewoon tekst\n"), tmp_path, "not a PDF")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    _fails(_write(tmp_path, "scan.pdf", bytes(pdf.output())), tmp_path, "no text layer", "OCR")


def test_empty_pdf(tmp_path: Path) -> None:
    _fails(_write(tmp_path, "leeg.pdf", b""), tmp_path, "empty")


# --- bad text input ---------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"  \n\n \t\n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    _fails(_write(tmp_path, "leeg.txt", data), tmp_path, "empty")


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    _fails(_write(tmp_path, "plaatje.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), tmp_path, "binary")


def test_binary_file_with_control_characters(tmp_path: Path) -> None:
    _fails(_write(tmp_path, "ruis.txt", bytes(range(1, 32)) * 20 + b"tekst"), tmp_path, "binary")


def test_latin1_file_names_the_byte_offset(tmp_path: Path) -> None:
    data = "Fryslân en Súdwest\n".encode("latin-1")
    err = _fails(_write(tmp_path, "latin1.txt", data), tmp_path, "UTF-8", "byte offset 5", "re-save")
    assert err.path.endswith("latin1.txt")


def test_unsupported_suffix(tmp_path: Path) -> None:
    _fails(_write(tmp_path, "brief.docx", b"PK\x03\x04"), tmp_path, "unsupported", ".docx")


def test_missing_file(tmp_path: Path) -> None:
    _fails(tmp_path / "weg.txt", tmp_path, "does not exist")
