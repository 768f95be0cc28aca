"""Names of things in the graph, found in running text: provinces, ministries, NOVEX areas, programmes …

Built from the skos:prefLabel and skos:altLabel of the reference data, so every spelling variant the
reference data lists is recognised. Matching is case- and accent-insensitive, on whole words, longest
name first; an ambiguous bare name ("Groningen") is resolved by the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import rdflib
from rdflib.namespace import RDF, SKOS

from ruimtegraaf.embed import fold

# when one name means several things, the first type in this list wins unless the context says otherwise
TYPE_ORDER = ("Provincie", "Landsdeel", "NovexGebied", "NationaalProgramma", "Ministerie", "Gemeente",
              "Waterschap", "MirtProject", "Samenwerkingsverband", "Rijk", "Partij", "Instrument", "Concept")
_CONTEXT = {"Gemeente": re.compile(r"\b(gemeente|stad|wethouder|burgemeester)\s*$", re.I),
            "Provincie": re.compile(r"\b(provincie|gedeputeerde|gedeputeerden)\s*$", re.I),
            "NovexGebied": re.compile(r"\b(novex[- ]?gebied|novex)\s*$", re.I)}
_MIN_LABEL = 2
_HYPHEN_BREAK = re.compile(r"-\s+")


@dataclass(frozen=True)
class Named:
    """A thing of the graph: its IRI, its Dutch label and its type (local name of its rg: class)."""

    iri: str
    label: str
    type: str


@dataclass(frozen=True)
class Match:
    """A name found in a text: character span, the words as written, and what it names."""

    start: int
    end: int
    surface: str
    named: Named


class Gazetteer:
    """Find and resolve names.

    >>> g = Gazetteer([("Regio Groningen-Assen", Named("urn:rga", "Regio Groningen-Assen", "NovexGebied")),
    ...                ("RGA", Named("urn:rga", "Regio Groningen-Assen", "NovexGebied"))])
    >>> [m.named.iri for m in g.find("Wat is er in de RGA afgesproken?")]
    ['urn:rga']
    """

    def __init__(self, names: list[tuple[str, Named]]) -> None:
        self._by_label: dict[str, list[Named]] = {}
        self._labels = [(named, " ".join(label.split())) for label, named in names]
        for label, named in names:
            key = fold(" ".join(label.split()))
            if len(key) >= _MIN_LABEL and named not in self._by_label.setdefault(key, []):
                self._by_label[key].append(named)
        for options in self._by_label.values():
            options.sort(key=lambda n: _type_rank(n.type))
        labels = sorted(self._by_label, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w-])(?:" + "|".join(_label_regex(k) for k in labels) + r")(?![\w-])"
                                   ) if labels else None

    @classmethod
    def from_graph(cls, graph: rdflib.Graph, rg_namespace: str) -> Gazetteer:
        """Every typed thing with a label in the graph (types in the rg: namespace and skos:Concept)."""
        names: list[tuple[str, Named]] = []
        for node in set(graph.subjects(SKOS.prefLabel, None)):
            types = [str(t) for t in graph.objects(node, RDF.type)]
            local = [t[len(rg_namespace):] for t in types if t.startswith(rg_namespace)]
            if not local and str(SKOS.Concept) in types:
                local = ["Concept"]
            if not local:
                continue
            typ = min(local, key=_type_rank)
            pref = _dutch(graph, node)
            named = Named(str(node), pref, typ)
            for pred in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for label in graph.objects(node, pred):
                    names.append((str(label), named))
        return cls(names)

    @classmethod
    def from_store(cls, store: Any, rg_namespace: str,
                   types: tuple[str, ...] = ("Project", "MirtProject")) -> Gazetteer:
        """The things of `types` (rg: class names) a built graph holds, with their labels, from a store.

        For the things ingest derives rather than the reference data lists (projects); combine with
        `from_graph(reference_graph())`. Recognise municipalities with `ruimtegraaf.register.Register.find`
        instead: their names need the register's context rules ("Sluis", "Beek" are words too).
        """
        values = " ".join(f"<{rg_namespace}{t}>" for t in types)
        query = (f"SELECT ?s ?t ?p ?l WHERE {{ VALUES ?t {{ {values} }} ?s a ?t ; ?p ?l . "
                 f"VALUES ?p {{ <{SKOS.prefLabel}> <{SKOS.altLabel}> }} }}")
        graph = rdflib.Graph()
        for row in store.query(query):
            s, t, p, label = (row[k] for k in ("s", "t", "p", "l"))
            graph.add((rdflib.URIRef(s.value), RDF.type, rdflib.URIRef(t.value)))
            graph.add((rdflib.URIRef(s.value), rdflib.URIRef(p.value),
                       rdflib.Literal(label.value, lang=getattr(label, "language", None))))
        return cls.from_graph(graph, rg_namespace)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping names in `text`, longest first, in text order."""
        if self._pattern is None:
            return []
        folded = fast_fold(text)
        out = []
        for m in self._pattern.finditer(folded):
            key = " ".join(m.group().split())
            options = self._by_label.get(key) or self._by_label.get(_HYPHEN_BREAK.sub("-", key))
            if not options:
                continue
            out.append(Match(m.start(), m.end(), text[m.start():m.end()], self._choose(options, folded[:m.start()])))
        return out

    def resolve(self, name: str) -> Named | None:
        """The thing a whole name stands for (exact label match, case- and accent-insensitive)."""
        options = self._by_label.get(fold(" ".join(name.split())))
        return options[0] if options else None

    def labels(self) -> list[tuple[Named, str]]:
        """Every (thing, label) pair, labels as written."""
        return list(self._labels)

    def names(self) -> list[Named]:
        """Every distinct thing the gazetteer knows."""
        seen: dict[str, Named] = {}
        for options in self._by_label.values():
            for n in options:
                seen.setdefault(n.iri, n)
        return list(seen.values())

    @staticmethod
    def _choose(options: list[Named], before: str) -> Named:
        if len(options) > 1:
            for typ, pattern in _CONTEXT.items():
                if pattern.search(before[-40:]):
                    for n in options:
                        if n.type == typ:
                            return n
        return options[0]


_FOLDED: dict[int, str] = {}


def fast_fold(text: str) -> str:
    """`fold(text)`, character by character through a remembered table (the same result, at C speed).

    >>> fast_fold("Fryslân ÉÉN") == fold("Fryslân ÉÉN")
    True
    """
    missing = {c for c in set(text) if ord(c) not in _FOLDED}
    for c in missing:
        _FOLDED[ord(c)] = fold(c)
    return text.translate(_FOLDED)


def _label_regex(key: str) -> str:
    """A label as a pattern: any white space between its words, and a line break allowed after a hyphen
    ("Oost-\\nNederland" in text extracted from a PDF)."""
    return r"\s+".join(re.escape(part).replace(r"\-", r"-\s*") for part in key.split())


def _type_rank(typ: str) -> int:
    return TYPE_ORDER.index(typ) if typ in TYPE_ORDER else len(TYPE_ORDER)


def _dutch(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    labels = list(graph.objects(node, SKOS.prefLabel))
    for label in labels:
        if getattr(label, "language", None) == "nl":
            return str(label)
    return str(labels[0]) if labels else str(node)
