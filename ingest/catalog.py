"""The corpus catalog: what each file is, which documents it bundles, and where each one starts and ends.

`corpus/catalog.ttl` says it in DCTERMS/DCAT and rg: terms. Files the catalog does not describe get
sensible defaults (title from the first non-empty line, one unit = the whole file), so a new file in
the corpus folder is ingested without editing the catalog first. Line numbers are the truth: when the
catalog's character offsets disagree with its line numbers for the actual text, the line numbers win.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO
from rdflib.term import Node

from ingest.readers import SUFFIXES, read_document
from ontology import RG_IRI
from ruimtegraaf.errors import InputError
from ruimtegraaf.iris import slug
from ruimtegraaf.model import DocumentInfo, SubDocument
from ruimtegraaf.settings import DEFAULT_BASE_IRI

CATALOG_FILE = "catalog.ttl"
RG = Namespace(RG_IRI)
_TITLE_MAX = 160

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogRecord:
    """What the catalog says about a document beyond DocumentInfo: sender, addressees, references."""

    iri: str
    ref: str
    path: str  # the corpus file the document lives in
    short_title: str | None = None  # dcterms:alternative
    creators: tuple[str, ...] = ()  # org IRIs (dcterms:creator)
    recipients: tuple[str, ...] = ()  # org IRIs or literal names (schema:recipient)
    identifiers: tuple[str, ...] = ()  # reference numbers as written (dcterms:identifier)
    reports_on: tuple[str, ...] = ()  # BO Leefomgeving meeting IRIs (rg:verslagVan)
    generated_by: tuple[str, ...] = ()  # meetings it came out of (prov:wasGeneratedBy)
    duplicate_of: str | None = None  # IRI of the document it repeats (rg:duplicaatVan)


def load_catalog(corpus_dir: Path, texts: Mapping[str, str] | None = None) -> dict[str, DocumentInfo]:
    """Every supported file in the corpus folder with its catalog entry, keyed by corpus-relative path.

    `texts` (path -> text) saves reading the files again; offsets are checked against these texts.

    >>> from ruimtegraaf.model import subdocument_at
    >>> infos = load_catalog(Path("corpus"))
    >>> info = infos["000_e8c17795db0e2ae2.txt"]
    >>> subdocument_at(info, 120_000).ref
    'afsprakenlijst-bol-2025'
    """
    graph = catalog_graph(corpus_dir)
    described = {str(path): node for node, path in graph.subject_objects(RG.bestand)}
    for path in described:
        if path.startswith("/") or ".." in Path(path).parts:
            raise InputError(str(corpus_dir / CATALOG_FILE), f"rg:bestand {path!r} points outside the corpus folder",
                             "name files by their path inside the corpus folder, without '..' or a leading '/'")
    infos: dict[str, DocumentInfo] = {}
    used_refs: set[str] = set()
    for rel in corpus_files(corpus_dir):
        text = texts[rel] if texts is not None and rel in texts else _read_text(corpus_dir, rel)
        node = described.get(rel)
        info = _described(graph, node, rel, text) if node is not None else _default(rel, text, used_refs)
        used_refs.add(info.ref)
        infos[rel] = info
    for missing in sorted(set(described) - set(infos)):
        log.warning("catalog.ttl describes %s, which is not in %s; skipped", missing, corpus_dir)
    return infos


def corpus_files(corpus_dir: Path) -> list[str]:
    """Corpus-relative paths of the files ingest reads (supported suffixes), sorted.

    A file or folder that is a link to somewhere outside the corpus folder is refused (InputError):
    ingest reads nothing but the corpus.
    """
    if not corpus_dir.is_dir():
        raise InputError(str(corpus_dir), "the corpus folder does not exist",
                         "set RUIMTEGRAAF_CORPUS or --corpus to the folder that holds the documents")
    root = corpus_dir.resolve()
    found = []
    for p in corpus_dir.rglob("*"):
        rel = p.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_symlink() and not p.resolve().is_relative_to(root):
            raise InputError(str(p), f"this is a link to {p.resolve()}, outside the corpus folder {corpus_dir}",
                             "copy the document into the corpus folder instead of linking to it")
        if p.is_file() and p.suffix.lower() in SUFFIXES:
            found.append(rel.as_posix())
    return sorted(found)


def catalog_graph(corpus_dir: Path, base: str = DEFAULT_BASE_IRI) -> Graph:
    """The catalog triples (empty without catalog.ttl), `…/id/` IRIs rebased onto `base`, for the store."""
    graph = Graph()
    path = corpus_dir / CATALOG_FILE
    if not path.is_file():
        return graph
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib raises several unrelated types for bad Turtle
        raise InputError(str(path), f"the catalog is not valid Turtle ({err})",
                         "fix the syntax (e.g. check it with `rdfpipe`) and run ingest again") from None
    return graph if base == DEFAULT_BASE_IRI else _rebased(graph, base)


def load_records(corpus_dir: Path, base: str = DEFAULT_BASE_IRI) -> dict[str, CatalogRecord]:
    """The catalog's extra metadata for every described document (file or sub-document), keyed by ref."""
    graph = catalog_graph(corpus_dir, base)
    records: dict[str, CatalogRecord] = {}
    for node, path in graph.subject_objects(RG.bestand):
        for doc in (node, *_parts(graph, node)):
            record = _record(graph, doc, str(path))
            records[record.ref] = record
    return records


def _rebased(graph: Graph, base: str) -> Graph:
    """A copy of `graph` with every `{default}id/…` IRI moved to `{base}id/…` (the ontology stays)."""
    old = f"{DEFAULT_BASE_IRI}id/"

    def move(term: Node) -> Node:
        if isinstance(term, URIRef) and str(term).startswith(old):
            return URIRef(f"{base}id/{str(term)[len(old):]}")
        return term

    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, move(URIRef(ns)), override=True)
    for s, p, o in graph:
        out.add((move(s), p, move(o)))
    return out


def _read_text(corpus_dir: Path, rel: str) -> str:
    """The text a reader extracts from one corpus file."""
    return read_document(corpus_dir / rel, corpus_dir).text


def _default(rel: str, text: str, used_refs: set[str]) -> DocumentInfo:
    """Defaults for a file the catalog does not describe: one unit, the whole file."""
    stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    ref = slug(stem) or "document"
    if ref in used_refs:
        ref = slug(rel)
    title = _first_line(text) or stem
    starts = _line_starts(text)
    unit = _unit(ref, title, "Document", None, starts, len(text), 1, len(starts))
    return DocumentInfo(path=rel, ref=ref, title=title, subdocuments=(unit,))


def _described(graph: Graph, node: Node, rel: str, text: str) -> DocumentInfo:
    """The DocumentInfo for a file the catalog describes, its units reconciled with the actual text."""
    ref, title, kind, date = _basics(graph, node, text)
    starts = _line_starts(text)
    units = [u for u in (_subdocument(graph, part, text, starts, rel) for part in _parts(graph, node)) if u]
    if not units:
        units = [_unit(ref, title, kind, date, starts, len(text), 1, len(starts))]
    return DocumentInfo(path=rel, ref=ref, title=title, kind=kind, date=date,
                        subdocuments=tuple(sorted(units, key=lambda u: (u.start, -u.end))),
                        duplicate_of=_duplicate_path(graph, node))


def _basics(graph: Graph, node: Node, text: str) -> tuple[str, str, str, str | None]:
    """Ref, title, kind and date of a described document."""
    ref = str(node).rstrip("/").rsplit("/", 1)[-1]
    title = _value(graph, node, DCTERMS.title) or _first_line(text) or ref
    date = _value(graph, node, DCTERMS.date)
    return ref, title, _kind(graph, node), date


def _subdocument(graph: Graph, node: Node, text: str, starts: list[int], rel: str) -> SubDocument | None:
    """One described sub-document, its range taken from the line numbers (the text is the truth)."""
    ref, title, kind, date = _basics(graph, node, text)
    first, last = _int(graph, node, RG.eersteRegel), _int(graph, node, RG.laatsteRegel)
    begin, end = _int(graph, node, RG.beginOffset), _int(graph, node, RG.eindOffset)
    count = len(starts)
    if first is None and begin is not None:
        first = bisect.bisect_right(starts, begin)
    if last is None and end is not None:
        last = bisect.bisect_right(starts, max(begin or 0, end - 1))
    if first is None or last is None or first > count or last < first:
        log.warning("%s: sub-document %s has no usable line range (%s-%s of %d lines); skipped",
                    rel, ref, first, last, count)
        return None
    if last > count:
        log.warning("%s: sub-document %s ends at line %d but the file has %d lines; cut at the end",
                    rel, ref, last, count)
        last = count
    unit = _unit(ref, title, kind, date, starts, len(text), first, last)
    if graph.value(node, DCTERMS.title) is None:
        unit = replace(unit, title=_first_line(text[unit.start:unit.end]) or ref)
    if begin is not None and end is not None and (begin, end) != (unit.start, unit.end):
        log.warning("%s: catalog offsets %d-%d of %s disagree with its lines %d-%d (%d-%d); using the lines",
                    rel, begin, end, ref, first, last, unit.start, unit.end)
    return unit


def _unit(ref: str, title: str, kind: str, date: str | None, starts: list[int], size: int,
          first: int, last: int) -> SubDocument:
    """A SubDocument over lines first..last (1-based, inclusive), including the last line's newline."""
    start = starts[first - 1]
    end = starts[last] if last < len(starts) else size
    return SubDocument(ref=ref, title=title, start=start, end=end, first_line=first, last_line=last,
                       kind=kind, date=date)


def _line_starts(text: str) -> list[int]:
    """Offset of the first character of every line ("\\n" ends a line; a final newline opens none)."""
    starts = [0]
    at = text.find("\n")
    while at != -1 and at + 1 < len(text):
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _first_line(text: str) -> str | None:
    """The first non-empty line, stripped and shortened to a title."""
    for line in text.split("\n"):
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= _TITLE_MAX else line[: _TITLE_MAX - 1].rstrip() + "…"
    return None


def _parts(graph: Graph, node: Node) -> list[Node]:
    """The sub-documents of a file: dcterms:hasPart, or anything dcterms:isPartOf it."""
    parts = set(graph.objects(node, DCTERMS.hasPart)) | set(graph.subjects(DCTERMS.isPartOf, node))
    return sorted(parts, key=str)


def _kind(graph: Graph, node: Node) -> str:
    """The most specific rg: class local name, e.g. "Kamerbrief"; "Document" when there is none."""
    kinds = sorted(str(t)[len(str(RG)):] for t in graph.objects(node, RDF.type) if str(t).startswith(str(RG)))
    specific = [k for k in kinds if k != "Document"]
    return specific[0] if specific else "Document"


def _duplicate_path(graph: Graph, node: Node) -> str | None:
    """The corpus path of the file that holds the document this one repeats."""
    target = graph.value(node, RG.duplicaatVan)
    if target is None:
        return None
    path = graph.value(target, RG.bestand)
    if path is None:
        holder = graph.value(target, DCTERMS.isPartOf) or graph.value(None, DCTERMS.hasPart, target)
        path = graph.value(holder, RG.bestand) if holder is not None else None
    return str(path) if path is not None else None


def _record(graph: Graph, doc: Node, path: str) -> CatalogRecord:
    """The extra metadata of one catalog node."""
    def iris(pred: URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(o) for o in graph.objects(doc, pred)))

    duplicate = graph.value(doc, RG.duplicaatVan)
    return CatalogRecord(
        iri=str(doc), ref=str(doc).rstrip("/").rsplit("/", 1)[-1], path=path,
        short_title=_value(graph, doc, DCTERMS.alternative), creators=iris(DCTERMS.creator),
        recipients=iris(SDO.recipient), identifiers=iris(DCTERMS.identifier),
        reports_on=iris(RG.verslagVan), generated_by=iris(PROV.wasGeneratedBy),
        duplicate_of=str(duplicate) if duplicate is not None else None)


def _value(graph: Graph, node: Node, pred: URIRef) -> str | None:
    value = graph.value(node, pred)
    return str(value) if value is not None else None


def _int(graph: Graph, node: Node, pred: URIRef) -> int | None:
    value = graph.value(node, pred)
    if value is None:
        return None
    try:
        return int(value.toPython() if isinstance(value, Literal) else str(value))
    except (TypeError, ValueError):
        log.warning("catalog: %s of %s is not an integer (%r); ignored", pred, node, value)
        return None

