"""SHACL validation of the graph with pySHACL, reported as plain values: focus node, path, message, source."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TypeVar

import rdflib
from rdflib.namespace import PROV, SH

T = TypeVar("T")


@dataclass(frozen=True)
class Violation:
    """One result of the shapes: what is wrong where, and the passage the statement came from."""

    focus: str
    path: str | None
    message: str
    shape: str | None
    severity: str
    source: str | None = None  # prov:wasDerivedFrom of the focus node, when it has one
    document: str | None = None  # the corpus file whose graph holds the focus node

    def line(self) -> str:
        """One readable line."""
        where = f" (path {self.path})" if self.path else ""
        src = f" [source passage {self.source}]" if self.source else ""
        doc = f"{self.document}: " if self.document else ""
        return f"{self.severity}: {doc}{self.focus}{where}: {self.message}{src}"


@dataclass
class Report:
    """The outcome of a validation; a non-conforming graph is a value, not an exception."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self, limit: int | None = None) -> str:
        """The report as lines, at most `limit` violations."""
        if self.conforms:
            return "the graph conforms to the shapes"
        shown = self.violations if limit is None else self.violations[:limit]
        more = len(self.violations) - len(shown)
        lines = [f"{len(self.violations)} violation(s):", *(v.line() for v in shown)]
        if more > 0:
            lines.append(f"… and {more} more; run `ruimtegraaf validate` for the full report")
        return "\n".join(lines)


def validate(graphs: Iterable[rdflib.Graph]) -> Report:
    """Validate the union of `graphs` (which include the reference data) against the project's shapes."""
    from shapes import validate as run_shapes

    data = rdflib.Graph()
    for g in graphs:
        data += g
    result = run_shapes(data, with_reference=False)
    return Report(result.conforms, _violations(result.graph, data))


def validate_documents(documents: Mapping[str, rdflib.Graph], shared: Sequence[rdflib.Graph], *,
                       only: Iterable[str] | None = None, with_shared: bool = True,
                       types: Mapping[rdflib.term.Node, set[rdflib.term.Node]] | None = None) -> Report:
    """Validate each document's graph on its own, beside the shared graphs (reference data, catalog).

    `documents` maps a corpus file to its named graph (a mapping may make each graph when asked and
    forget it after). Only the nodes a document describes are judged; what it links to in other
    documents counts with its rdf:type (for sh:class; `types` gives them, node -> types over all
    documents, else they are read from `documents`), so a document can be validated without the
    others: an incremental ingest validates just the graphs that changed (`only`), and every violation
    names its file. `with_shared` also judges the shared graphs themselves.
    """
    from shapes import validate as run_shapes

    if types is None:
        types = _types(documents.values())
    common = rdflib.Graph()
    for g in shared:
        common += g
    violations: list[Violation] = []
    if with_shared:
        violations += _violations(run_shapes(common, with_reference=False).graph, common)
    typed_in_common = set(common.subjects(rdflib.RDF.type))
    class_paths = _class_checked_paths()
    for document in sorted(documents if only is None else only):
        graph = documents[document]
        described = {str(s) for s in graph.subjects()}
        # what the shared graphs already say is counted once (sh:maxCount): taken out while validating
        restated = [t for t in common if t in graph]
        for t in restated:
            graph.remove(t)
        # the types of what sh:class checks reach in other documents; nothing else, for a typed node is
        # also a target of its class's shapes, judged (and found incomplete) here for nothing
        linked = rdflib.Graph()
        reached = {o for path in class_paths for o in graph.objects(None, path)}
        for o in reached - set(graph.subjects(rdflib.RDF.type)) - typed_in_common:
            for kind in types.get(o, ()):
                linked.add((o, rdflib.RDF.type, kind))
        result = run_shapes(graph, with_reference=False, context=[common, linked])
        for t in restated:
            graph.add(t)
        # judged here: the nodes this document describes; the linked ones are judged in their own documents
        violations += [replace(v, document=document) for v in _violations(result.graph, graph) if v.focus in described]
    conforms = not any(v.severity == "Violation" for v in violations)
    return Report(conforms, sorted(violations, key=lambda v: (v.severity != "Violation", v.document or "", v.focus)))


@lru_cache(maxsize=1)
def _class_checked_paths() -> frozenset[rdflib.URIRef]:
    """The properties whose values a shape checks with sh:class (directly or in a nested shape).

    For a sequence path its first property: the node it reaches is described in the same document.
    """
    from shapes import shapes_graph

    shapes = shapes_graph()
    checked: set[rdflib.URIRef] = set()
    for prop_shape, path in shapes.subject_objects(SH.path):
        nested = {prop_shape}
        frontier = [prop_shape]
        while frontier:  # the shape and the shapes it points to (qualified, node, or, and, …)
            node = frontier.pop()
            for value in shapes.objects(node):
                if isinstance(value, rdflib.BNode) and value not in nested:
                    nested.add(value)
                    frontier.append(value)
        if not any((node, SH["class"], None) in shapes for node in nested):
            continue
        first = shapes.value(path, rdflib.RDF.first) if isinstance(path, rdflib.BNode) else path
        if isinstance(first, rdflib.URIRef):
            checked.add(first)
    return frozenset(checked)


def _types(graphs: Iterable[rdflib.Graph]) -> dict[rdflib.term.Node, set[rdflib.term.Node]]:
    """Node → its rdf:types across graphs."""
    return types_by_node(pair for g in graphs for pair in g.subject_objects(rdflib.RDF.type))


def types_by_node(pairs: Iterable[tuple[T, T]]) -> dict[T, set[T]]:
    """(node, type) pairs gathered as node → its types.

    >>> types_by_node([("a", "Provincie"), ("a", "Partij"), ("b", "Passage")])["a"] == {"Provincie", "Partij"}
    True
    """
    out: dict[T, set[T]] = {}
    for node, typ in pairs:
        out.setdefault(node, set()).add(typ)
    return out


def _violations(results: rdflib.Graph, data: rdflib.Graph) -> list[Violation]:
    out = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        source = data.value(focus, PROV.wasDerivedFrom) if focus is not None else None
        severity = results.value(r, SH.resultSeverity)
        out.append(Violation(
            focus=str(focus), path=_str(results.value(r, SH.resultPath)),
            message=str(results.value(r, SH.resultMessage) or "constraint violated"),
            shape=_str(results.value(r, SH.sourceShape)),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            source=_str(source)))
    return sorted(out, key=lambda v: (v.severity != "Violation", v.focus))


def _str(node: object) -> str | None:
    return None if node is None or isinstance(node, rdflib.BNode) else str(node)
