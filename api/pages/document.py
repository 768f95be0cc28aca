"""The document view (/document/…): a document's whole (masked) text with the cited characters marked."""

from __future__ import annotations

from urllib.parse import quote

from api.pages.render import PageError, doc_label, format_date, href, render
from api.pages.text import STRINGS
from ruimtegraaf.dataset import Dataset
from ruimtegraaf.privacy import MASK


def document_page(ds: Dataset, document: str, van: str | None, tot: str | None, lang: str) -> str:
    """The whole (masked) text of a document with characters van..tot in <mark id="citaat">."""
    t = STRINGS[lang]
    text = ds.masked_texts.get(document)
    if text is None:
        links = [(doc_label(ds, p).title, href("/document/" + quote(p), lang)) for p in ds.texts]
        raise PageError(404, t["no_document"], links)
    span = _span(van, tot, len(text), t)
    start, end = span or (0, 0)
    label = doc_label(ds, document, None, start)
    page = next((p.page for p in ds.passages if p.document == document and p.start <= start < p.end), None)
    marked = span is not None
    return render("document.html", lang, "/document/" + quote(document), {"van": van, "tot": tot}, ds,
                  label=label, date=format_date(label.date, lang), page=page, marked=marked,
                  start=start, end=end, before=text[:start] if marked else text, mark=text[start:end],
                  after=text[end:] if marked else "", masked=MASK in text)


def _span(van: str | None, tot: str | None, size: int, t: dict[str, str]) -> tuple[int, int] | None:
    """(start, end) from the query, None when it asks for no mark; PageError(400) when it is invalid."""
    if not van and not tot:
        return None
    try:
        start = int(van or tot or "")
        end = int(tot) if tot else start
    except ValueError:
        start, end = -1, -1
    if not 0 <= start <= end <= size:
        raise PageError(400, t["bad_span"].format(n=size))
    return start, end
