"""JSON-LD written with the published context, one node at a time, so a dump never sits in memory whole.

A general JSON-LD compactor is large; this one only uses what it can be sure of. A property gets the
context's term whose definition fits the value (`"@type": "@id"` for IRIs, a datatype for literals of
that type, a `"@language"` container for language-tagged strings, a plain term for plain strings);
any other value is written as an explicit value or node object under the term or a compact IRI, which
means the same whatever the context says. Terms with a scoped context, `@reverse`, `@list` or other
containers are never used. Tests parse the output with rdflib and pyoxigraph and compare the graphs.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import pyoxigraph as ox

from ruimtegraaf.store import RdfTerm

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PLAIN_KEYS = {"@id", "@type", "@container"}


@dataclass(frozen=True)
class _Term:
    name: str
    iri: str
    kind: str  # "id" (IRI values), "lang" (language map), "typed" (datatype below) or "plain"
    datatype: str | None = None


class Compactor:
    """Node objects in the short form a JSON-LD context allows.

    >>> c = Compactor({"rg": "https://w3id.org/ruimtegraaf/def/", "regio": {"@id": "rg:regio", "@type": "@id"}})
    >>> s = ox.NamedNode("https://example.org/a")
    >>> c.node(s, [(ox.NamedNode("https://w3id.org/ruimtegraaf/def/regio"), ox.NamedNode("https://example.org/r"))])
    {'@id': 'https://example.org/a', 'regio': 'https://example.org/r'}
    """

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context
        self.prefixes = {name: value for name, value in context.items()
                         if isinstance(value, str) and not name.startswith("@") and value.endswith(("/", "#"))}
        self.id_key = next((k for k, v in context.items() if v == "@id"), "@id")
        self.type_key = next((k for k, v in context.items() if v == "@type"), "@type")
        self.terms: dict[tuple[str, str, str | None], str] = {}
        self.names: dict[str, str] = {}  # IRI -> a term that means just that IRI (for @type values)
        for name, definition in context.items():
            term = self._term(name, definition)
            if term is not None:
                self.terms.setdefault((term.iri, term.kind, term.datatype), name)
                if term.kind == "plain":
                    self.names.setdefault(term.iri, name)

    def expand(self, value: str) -> str:
        """A compact IRI (`rg:Afspraak`) or term as an absolute IRI; absolute IRIs stay as they are."""
        if value in self.context and isinstance(self.context[value], str) and not value.startswith("@"):
            return self.expand(self.context[value]) if self.context[value] != value else value
        prefix, colon, suffix = value.partition(":")
        if colon and prefix in self.prefixes and not suffix.startswith("//"):
            return self.prefixes[prefix] + suffix
        return value

    def _term(self, name: str, definition: Any) -> _Term | None:
        if name.startswith("@") or ":" in name or name in self.prefixes:
            return None
        if isinstance(definition, str):
            return None if definition.startswith("@") else _Term(name, self.expand(definition), "plain")
        if not isinstance(definition, dict) or not set(definition) <= _PLAIN_KEYS or "@id" not in definition:
            return None
        iri = self.expand(definition["@id"])
        kind_type, container = definition.get("@type"), definition.get("@container")
        if container not in (None, "@set", "@language") or (container == "@language" and kind_type):
            return None
        if container == "@language":
            return _Term(name, iri, "lang")
        if kind_type is None:
            return _Term(name, iri, "plain")
        if kind_type == "@id":
            return _Term(name, iri, "id")
        if kind_type.startswith("@"):
            return None
        return _Term(name, iri, "typed", self.expand(kind_type))

    def compact_iri(self, iri: str) -> str:
        """`prefix:local` for an IRI under one of the context's prefixes (the longest), else the IRI."""
        best = None
        for prefix, namespace in self.prefixes.items():
            local = iri[len(namespace):]
            longer = best is None or len(namespace) > len(self.prefixes[best])
            if iri.startswith(namespace) and local and not local.startswith("//") and longer:
                best = prefix
        if best is None:
            return iri
        compact = f"{best}:{iri[len(self.prefixes[best]):]}"
        return iri if compact in self.context else compact

    def _key(self, iri: str) -> str:
        """A key that means `iri` and coerces nothing: a plain term, else a compact or absolute IRI."""
        return self.terms.get((iri, "plain", None)) or self.compact_iri(iri)

    def _ref(self, term: ox.NamedNode | ox.BlankNode) -> str:
        return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"

    def node(self, subject: ox.NamedNode | ox.BlankNode,
             pairs: Iterable[tuple[ox.NamedNode, RdfTerm]]) -> dict[str, Any]:
        """The node object of `subject` with the given (predicate, object) pairs."""
        out: dict[str, Any] = {self.id_key: self._ref(subject)}
        values: dict[str, list[Any]] = {}
        languages: dict[str, dict[str, list[str]]] = {}
        types: list[str] = []
        for predicate, obj in pairs:
            p = predicate.value
            if p == RDF_TYPE and isinstance(obj, ox.NamedNode):
                types.append(self.names.get(obj.value) or self.compact_iri(obj.value))
            elif isinstance(obj, ox.NamedNode | ox.BlankNode):
                term = self.terms.get((p, "id", None))
                values.setdefault(term or self._key(p), []).append(
                    self._ref(obj) if term else {"@id": self._ref(obj)})
            elif isinstance(obj, ox.Literal):
                self._literal(p, obj, values, languages)
            else:
                raise ValueError(f"JSON-LD cannot write the RDF 1.2 triple term {obj}")
        if types:
            out[self.type_key] = types[0] if len(types) == 1 else types
        for key in sorted(set(values) | set(languages)):
            if key in languages:
                out[key] = {lang: v[0] if len(v) == 1 else v for lang, v in sorted(languages[key].items())}
            else:
                out[key] = values[key][0] if len(values[key]) == 1 else values[key]
        return out

    def _literal(self, p: str, obj: ox.Literal, values: dict[str, list[Any]],
                 languages: dict[str, dict[str, list[str]]]) -> None:
        if getattr(obj, "direction", None):
            raise ValueError(f"JSON-LD output here does not write base directions ({obj})")
        if obj.language:
            term = self.terms.get((p, "lang", None))
            if term:
                languages.setdefault(term, {}).setdefault(obj.language, []).append(obj.value)
            else:
                values.setdefault(self._key(p), []).append({"@value": obj.value, "@language": obj.language})
            return
        datatype = obj.datatype.value
        typed = self.terms.get((p, "typed", datatype))
        if typed:
            values.setdefault(typed, []).append(obj.value)
        elif datatype == XSD_STRING:
            values.setdefault(self._key(p), []).append(obj.value)
        else:
            values.setdefault(self._key(p), []).append({"@value": obj.value, "@type": self.compact_iri(datatype)})


def _nodes(compactor: Compactor, triples: Iterable[ox.Triple | ox.Quad]) -> Iterator[dict[str, Any]]:
    """One node object per run of triples with the same subject (a subject may come back later: JSON-LD merges)."""
    for subject, run in itertools.groupby(triples, key=lambda t: t.subject):
        if isinstance(subject, ox.Triple):
            raise ValueError("JSON-LD cannot write RDF 1.2 triple terms as subjects")
        yield compactor.node(subject, ((t.predicate, t.object) for t in run))


def write(output: IO[bytes], context: dict[str, Any], items: Iterable[ox.Triple | ox.Quad]) -> None:
    """Write triples (a graph) or quads (a dataset) as one JSON-LD document with the given `@context` value.

    Quads are grouped into `{"@id": graph, "@graph": [...]}` objects; feed them grouped by graph
    (and by subject within a graph) for compact output. Nothing but the current node is held.

    >>> import io
    >>> out = io.BytesIO()
    >>> t = ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"))
    >>> write(out, {}, [t]); out.getvalue().decode()
    '{"@context": {},\\n "@graph": [\\n  {"@id": "urn:a", "urn:p": "x"}\\n ]\\n}\\n'
    """
    compactor = Compactor(context)
    output.write(b'{"@context": ' + _dumps(context) + b',\n "@graph": [')
    first = True

    def item(obj: dict[str, Any], indent: bytes) -> None:
        nonlocal first
        output.write((b"\n" if first else b",\n") + indent + _dumps(obj))
        first = False

    for graph, run in itertools.groupby(items, key=lambda t: getattr(t, "graph_name", None)):
        if graph is None or isinstance(graph, ox.DefaultGraph):
            for node in _nodes(compactor, run):
                item(node, b"  ")
            continue
        name = graph.value if isinstance(graph, ox.NamedNode) else f"_:{graph.value}"
        output.write((b"\n" if first else b",\n") + b'  {"@id": ' + _dumps(name) + b', "@graph": [')
        inner = True
        for node in _nodes(compactor, run):
            output.write((b"\n" if inner else b",\n") + b"    " + _dumps(node))
            inner = False
        output.write(b"\n  ]}")
        first = False
    output.write(b"\n ]\n}\n")


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8")
