"""SHACL validation of the graph with pySHACL, reported as plain values: focus node, path, message, source."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import PROV, SH


@dataclass(frozen=True)
class Violation:
    """One result of the shapes: what is wrong where, and the passage the statement came from."""

    focus: str
    path: str | None
    message: str
    shape: str | None
    severity: str
    source: str | None = None  # prov:wasDerivedFrom of the focus node, when it has one

    def line(self) -> str:
        """One readable line."""
        where = f" (path {self.path})" if self.path else ""
        src = f" [source passage {self.source}]" if self.source else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{src}"


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
