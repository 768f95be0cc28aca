"""The page about one thing of the graph (/doc/{type}/{ref}): its label, its facts, its timeline and what
refers to it, each fact with the passage (or named graph) it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import pyoxigraph as ox

from api.pages.graph import Row, labels, readable_iri, select, short_name, sparql_iri, term_label
from api.pages.render import (
    DocLabel,
    Link,
    PageError,
    base_of,
    doc_label,
    document_by_ref,
    href,
    local_href,
    passage_href,
    render,
    snippet,
)
from api.pages.text import (
    BROWSE,
    DERIVED,
    FIRST,
    HIDDEN,
    INVERSE,
    LAST,
    RDF_TYPE,
    RG,
    SCHEMA,
    SHOWN,
    STRINGS,
)
from api.pages.timeline import timeline_section
from ruimtegraaf import iris
from ruimtegraaf.dataset import Dataset

MAX_REFERENCES = 2000  # incoming facts shown on an entity page
LONG_LABEL = 140  # characters of a linked label (a heading path can be a paragraph)


@dataclass
class Value:
    """The value of a fact: a linked thing (here or outside) or a literal in its language."""

    text: str
    href: str | None
    external: bool
    lang: str | None
    iri: str | None


@dataclass
class Fact:
    """The values of one property that one source gives."""

    property: str
    iri: str
    values: list[Value]
    sources: list[Link]
    inline: bool = False


@dataclass
class Reference:
    """A thing that points here, with its source; a passage shows its first words under its heading."""

    value: Value
    sources: list[Link]
    note: str | None = None
    order: tuple[str, int] = ("", 0)


@dataclass
class References:
    """The things that point here by one property."""

    property: str
    items: list[Reference] = field(default_factory=list)
    last: bool = False


@dataclass
class PassageBlock:
    """A passage's own page: its text and where it stands."""

    quote: str
    href: str | None
    label: DocLabel


@dataclass
class DocumentBlock:
    """A document's page: the link to its text."""

    label: DocLabel
    href: str


def entity_page(ds: Dataset, iri: str, lang: str = "nl") -> str:
    """The HTML page about one thing of the graph: its label, its facts, its timeline (api/pages/timeline.py)
    and what refers to it, each with its source.

    Raises PageError(404) when the graph says nothing about `iri`.
    """
    lang = lang if lang in STRINGS else "nl"
    node = sparql_iri(iri)
    out_rows = select(ds, f"SELECT ?p ?o ?g ?src WHERE {{ GRAPH ?g {{ {node} ?p ?o }} "
                          f"OPTIONAL {{ ?o <{DERIVED}> ?src }} }}")
    in_rows = select(ds, f"SELECT ?s ?p (SAMPLE(?g) AS ?graph) (SAMPLE(?src) AS ?bron) WHERE {{ GRAPH ?g "
                         f"{{ ?s ?p {node} }} OPTIONAL {{ ?s <{DERIVED}> ?src }} }} GROUP BY ?s ?p "
                         f"LIMIT {MAX_REFERENCES}")
    if not out_rows and not in_rows:
        raise PageError(404, STRINGS[lang]["not_found"], [(STRINGS[lang]["nav_browse"], href("/bladeren", lang))])
    terms = {r[k].value for r in out_rows + in_rows for k in ("o", "s")
             if isinstance(r.get(k), ox.NamedNode)}
    names = labels(ds, terms | {iri}, lang)
    own_sources = sorted({_text(r["o"]) for r in out_rows if _text(r["p"]) == DERIVED})
    types = sorted({_text(r["o"]) for r in out_rows if _text(r["p"]) == RDF_TYPE})
    base = base_of(ds)
    title = names.get(iri) or short_name(iri)
    context = {"iri": iri, "title": title, "types": [term_label(x, lang) for x in types if x.startswith(RG)],
               "crumb": crumb(types, lang), "sources": _source(ds, own_sources, None, lang),
               "facts": _facts(ds, out_rows, names, own_sources, lang, _property_values(ds, node, lang)),
               "references": _references(ds, in_rows, names, lang), "passage": _passage_block(ds, iri, lang),
               "document": _document_block(ds, iri, base, lang),
               "in_table": table_link(types, labels(ds, {iri}, "nl").get(iri), lang),
               "timeline": timeline_section(ds, iri, lang),
               "rdf": "/sparql?" + urlencode({"query": f"DESCRIBE <{iri}>", "format": "turtle"})}
    path = local_href(iri, base, "nl") or "/"
    return render("entity.html", lang, path, None, ds, shown=SHOWN, **context)


def _text(term: Any) -> str:
    return str(term.value)


def value(ds: Dataset, term: Any, names: dict[str, str], lang: str) -> Value:
    """A term as a fact's value: a thing by its label (linked), a literal as written."""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        local = local_href(iri, base_of(ds), lang)
        text = names.get(iri) or (term_label(iri, lang) if iri.startswith(RG) else readable_iri(iri))
        if len(text) > LONG_LABEL:
            text = text[:LONG_LABEL - 1].rstrip() + "…"
        return Value(text, local or iri, local is None, None, iri)
    if isinstance(term, ox.Literal):
        return Value(term.value, None, False, term.language, None)
    return Value("[…]", None, False, None, None)


def _source(ds: Dataset, passage_iris: list[str], graph: str | None, lang: str) -> list[Link]:
    """Where a fact comes from: its passages (linked to the document view), else its named graph."""
    t = STRINGS[lang]
    out = []
    for iri in passage_iris:
        p = ds.by_id.get(iris.thing_ref(iri.split("#", 1)[0]))
        if p is not None:
            label = doc_label(ds, p.document, p.subdocument, p.start)
            page = f", {t['p']} {p.page}" if p.page else ""
            out.append(Link(label.short + page, passage_href(ds, p.id, lang)))
    if out or graph is None:
        return out
    base = base_of(ds)
    name = graph[len(base + "graph/"):] if graph.startswith(base + "graph/") else graph
    if name == "reference":
        return [Link(t["reference_data"], None)]
    if name == "catalog":
        return [Link(t["catalog"], None)]
    named = document_by_ref(ds, name)
    return [Link(named.short if named else name, href(f"/doc/document/{name}", lang))]


def _facts(ds: Dataset, rows: list[Row], names: dict[str, str], own: list[str],
           lang: str, extras: list[Fact]) -> list[Fact]:
    """Outgoing facts grouped by property and source, in a reading order (type and names first, notes last)."""
    base = base_of(ds)
    groups: dict[tuple[str, tuple[str, ...]], Fact] = {}
    seen: set[tuple[str, str]] = set()
    # a fact both in the reference data and in a document's graph is shown with the document's passage
    for r in sorted(rows, key=lambda r: _text(r["g"]).endswith(("/reference", "/catalog"))):
        p = _text(r["p"])
        if p in HIDDEN or (p, str(r["o"])) in seen:
            continue
        seen.add((p, str(r["o"])))
        graph = _text(r["g"])
        document_graph = graph.startswith(base + "graph/") and graph[len(base + "graph/"):] not in (
            "reference", "catalog")
        # the subject's passage states the fact; a value node (an amount, a deadline) may name a closer one
        passages = own if document_graph and own else ([_text(r["src"])] if "src" in r else [])
        sources = _source(ds, passages, graph, lang)
        key = (p, tuple(s.text for s in sources))
        group = groups.setdefault(key, Fact(term_label(p, lang), p, [], sources))
        group.values.append(_type_value(_text(r["o"]), lang) if p == RDF_TYPE else value(ds, r["o"], names, lang))

    for extra in extras:
        groups[(extra.property, ())] = extra

    def order(g: Fact) -> tuple[int, str]:
        rank = FIRST.index(g.iri) if g.iri in FIRST else len(FIRST) + 1 + (LAST.index(g.iri) if g.iri in LAST else -1)
        return rank, g.property.casefold()

    for g in groups.values():
        if any(v.lang == lang for v in g.values):  # a name or note in the page's language: drop the others
            g.values = [v for v in g.values if v.lang in (lang, None)]
        g.values.sort(key=lambda v: v.text.casefold())
        g.inline = all(v.iri is None and len(v.text) < 60 for v in g.values)
    return sorted(groups.values(), key=order)


def _type_value(iri: str, lang: str) -> Value:
    """A class as a fact's value: its label, linked to the list of its things when one can browse it."""
    local = iri[len(RG):] if iri.startswith(RG) else ""
    label = term_label(iri, lang)
    return Value(label[:1].upper() + label[1:], href(f"/bladeren/{local}", lang) if local in BROWSE else None,
                 False, None, iri)


def _references(ds: Dataset, rows: list[Row], names: dict[str, str], lang: str) -> list[References]:
    """Incoming facts grouped by property: the things that point here, each with its own source."""
    groups: dict[str, References] = {}
    for r in rows:
        p = _text(r["p"])
        inverse = INVERSE.get(p)
        name = (inverse[0] if lang == "nl" else inverse[1]) if inverse else term_label(p, lang)
        group = groups.setdefault(p, References(name[:1].upper() + name[1:]))
        subject = _text(r["s"])
        passage = (ds.by_id.get(iris.thing_ref(subject)) if subject.startswith(base_of(ds) + "id/passage/")
                   else None)
        passages = [subject] if passage else ([_text(r["bron"])] if "bron" in r else [])
        item = Reference(value(ds, r["s"], names, lang), _source(ds, passages, _text(r["graph"]), lang))
        if passage is not None:  # a passage reads best as its first words, under its heading, in document order
            item.value.text = snippet(passage.text)
            item.note = " › ".join(snippet(h, 60) for h in passage.heading_path)  # a "heading" may be a paragraph
            item.order = (passage.document, passage.start)
        group.items.append(item)
    for p, g in groups.items():
        g.items.sort(key=lambda i: (i.order, i.value.text.casefold()))
        g.last = p == SCHEMA + "mentions"  # passages that merely name it come after the facts about it
    return sorted(groups.values(), key=lambda g: (g.last, -len(g.items), g.property))


def _property_values(ds: Dataset, node: str, lang: str) -> list[Fact]:
    """Named fields of a factsheet or programme form (schema:additionalProperty), each as a fact of its own."""
    rows = select(ds, f"SELECT ?n ?v ?src WHERE {{ {node} <{SCHEMA}additionalProperty> ?pv . ?pv <{SCHEMA}name> ?n ; "
                      f"<{SCHEMA}value> ?v . OPTIONAL {{ ?pv <{DERIVED}> ?src }} }}")
    groups: dict[str, Fact] = {}
    for r in rows:
        group = groups.setdefault(_text(r["n"]), Fact(_text(r["n"]), SCHEMA + "additionalProperty", [], _source(
            ds, [_text(r["src"])] if "src" in r else [], None, lang)))
        v = r["v"]
        group.values.append(Value(_text(v), None, False, v.language if isinstance(v, ox.Literal) else None, None))
    return list(groups.values())


def crumb(types: list[str], lang: str) -> Link | None:
    """The list of things of the first browsable class among `types`."""
    for iri in types:
        local = iri[len(RG):] if iri.startswith(RG) else ""
        if local in BROWSE:
            names = BROWSE[local]
            return Link(names[0] if lang == "nl" else names[1], href(f"/bladeren/{local}", lang))
    return None


def table_link(types: list[str], dutch_label: str | None, lang: str) -> str | None:
    """The agreements table filtered on this thing (the table's labels are Dutch), when it has such a filter."""
    for iri in types:
        spec = BROWSE.get(iri[len(RG):] if iri.startswith(RG) else "")
        if spec and spec[2] and dutch_label:
            return href("/afspraken", lang, **{spec[2]: dutch_label})
    return None


def _passage_block(ds: Dataset, iri: str, lang: str) -> PassageBlock | None:
    p = ds.by_id.get(iris.thing_ref(iri)) if "/id/passage/" in iri else None
    if p is None:
        return None
    return PassageBlock(ds.texts[p.document][p.start:p.end], passage_href(ds, p.id, lang),
                        doc_label(ds, p.document, p.subdocument, p.start))


def _document_block(ds: Dataset, iri: str, base: str, lang: str) -> DocumentBlock | None:
    if not iri.startswith(base + "id/document/"):
        return None
    label = document_by_ref(ds, iris.thing_ref(iri))
    if label is None:
        return None
    return DocumentBlock(label, href("/document/" + quote(label.path), lang, van=label.start,
                                     tot=label.start) + "#citaat")
