"""What pages ask the graph: the solutions of a query, the best label of a thing, the name of a term."""

from __future__ import annotations

import functools
import re
from typing import Any

import pyoxigraph as ox

from api.pages.render import PageError
from api.pages.text import LABEL_PATH, PREFIXES, SCHEMA, TERMS
from ruimtegraaf.dataset import Dataset

Row = dict[str, Any]  # variable -> bound pyoxigraph NamedNode, BlankNode or Literal (pages query no triples)


def select(ds: Dataset, query: str) -> list[Row]:
    """The solutions of a SELECT query as dicts of bound variables (pyoxigraph terms)."""
    result = ds.store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names if sol[n] is not None} for sol in result]


def sparql_iri(value: str) -> str:
    """`<value>` for a SPARQL query, refused when it is not an absolute IRI (no injection through a URL)."""
    try:
        ox.NamedNode(value)
    except ValueError as error:
        raise PageError(400, f"{value!r} is not an IRI: {error}") from None
    if any(c in value for c in '<>"{}|^`\\ '):
        raise PageError(400, f"{value!r} is not an IRI")
    return f"<{value}>"


def labels(ds: Dataset, iris: set[str], lang: str) -> dict[str, str]:
    """The best label of each IRI (prefLabel, label, title or heading path) in `lang`, else Dutch, else any."""
    if not iris:
        return {}
    values = " ".join(sparql_iri(i) for i in sorted(iris))
    rows = select(ds, f"SELECT ?x ?l ?v ?u ?r ?d WHERE {{ VALUES ?x {{ {values} }} {{ ?x {LABEL_PATH} ?l }} UNION "
                      f"{{ ?x <{SCHEMA}value> ?v ; <{SCHEMA}unitText> ?u }} UNION "
                      f"{{ ?x <{SCHEMA}roleName> ?r ; <{SCHEMA}description> ?d }} }}")
    rank = {lang: 0, "nl": 1, "": 2}
    best: dict[str, tuple[int, str]] = {}
    for r in rows:
        if "u" in r:  # a quantity: "4300 woningen"
            r["l"] = ox.Literal(f"{r['v'].value} {r['u'].value}")
        elif "r" in r:  # a role: "Trekkende bewindspersoon: Minister voor VRO: Hugo de Jonge"
            role = r["r"]
            r["l"] = ox.Literal(f"{role.value}: {r['d'].value}",
                                language=role.language if isinstance(role, ox.Literal) and role.language else None)
        label = r["l"]
        score = rank.get(label.language or "", 3) if isinstance(label, ox.Literal) else 4
        key = r["x"].value
        text = label.value
        if key not in best or (score, text) < best[key]:
            best[key] = (score, text)
    return {k: v for k, (_, v) in best.items()}


@functools.cache
def _vocabulary() -> dict[str, dict[str, str]]:
    from rdflib.namespace import RDFS as RDFS_NS

    from ontology import ontology_graph

    out: dict[str, dict[str, str]] = {}
    for s, o in ontology_graph().subject_objects(RDFS_NS.label):
        out.setdefault(str(s), {})[getattr(o, "language", None) or "nl"] = str(o)
    for iri, (nl, en) in TERMS.items():
        out.setdefault(iri, {"nl": nl, "en": en})
    return out


def term_label(iri: str, lang: str) -> str:
    """The label of an ontology term or a common vocabulary term; a prefixed name when none is known."""
    known = _vocabulary().get(iri)
    if known:
        return known.get(lang) or known.get("nl") or next(iter(known.values()))
    return short_name(iri)


def short_name(iri: str) -> str:
    """`prefix:local` for a known namespace, else the last segment of the IRI.

    >>> short_name("https://schema.org/mentions"), short_name("https://example.org/a/b/")
    ('schema:mentions', 'b')
    """
    for ns, prefix in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def readable_iri(iri: str, limit: int = 60) -> str:
    """An outside IRI as a reader scans it: no scheme, cut at `limit` characters.

    >>> readable_iri("https://identifier.overheid.nl/tooi/id/provincie/pv20")
    'identifier.overheid.nl/tooi/id/provincie/pv20'
    """
    text = re.sub(r"^[a-z]+://", "", iri)
    return text if len(text) <= limit else text[:limit - 1] + "…"
