"""Browsing the graph (/bladeren, /bladeren/{class}) and the SPARQL page with examples (/sparql-pagina)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from api.pages.entity import table_link
from api.pages.graph import labels, select, short_name
from api.pages.render import PageError, base_of, format_date, href, local_href, render
from api.pages.text import BROWSE, DCT, RG, SPARQL_EXAMPLES, STRINGS
from ruimtegraaf.dataset import Dataset


@dataclass
class Kind:
    """A class one can browse, and how many things the graph holds of it."""

    name: str
    href: str
    count: int


@dataclass
class Item:
    """A thing in the list of its class."""

    label: str
    iri: str
    href: str | None
    count: int
    table: str | None
    date: str


@dataclass
class Example:
    """An example query on the SPARQL page."""

    title: str
    query: str
    href: str


def browse_index_page(ds: Dataset, lang: str) -> str:
    """The kinds of things one can browse, with how many the graph holds of each."""
    values = " ".join(f"<{RG}{c}>" for c in BROWSE)
    rows = select(ds, f"SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?x a ?c }} "
                      "GROUP BY ?c")
    counts = {str(r["c"].value)[len(RG):]: int(r["n"].value) for r in rows}
    kinds = [Kind(names[0] if lang == "nl" else names[1], href(f"/bladeren/{c}", lang), counts.get(c, 0))
             for c, names in BROWSE.items()]
    return render("browse_index.html", lang, "/bladeren", None, ds, kinds=kinds)


def browse_list_page(ds: Dataset, kind: str, lang: str) -> str:
    """The things of one class, each linked to its page, with its date and its number of agreements."""
    t = STRINGS[lang]
    if kind not in BROWSE:
        raise PageError(404, t["unknown_type"], [(n[0] if lang == "nl" else n[1], href(f"/bladeren/{c}", lang))
                                                  for c, n in BROWSE.items()])
    rows = select(ds, f"SELECT ?x (COUNT(DISTINCT ?a) AS ?n) (SAMPLE(?d) AS ?datum) WHERE {{ ?x a <{RG}{kind}> "
                      f"OPTIONAL {{ ?a a <{RG}Afspraak> ; ?p ?x }} OPTIONAL {{ ?x <{DCT}date> ?d }} }} GROUP BY ?x")
    things = {r["x"].value for r in rows if isinstance(r["x"], ox.NamedNode)}
    names, dutch = labels(ds, things, lang), labels(ds, things, "nl")
    base = base_of(ds)
    items = []
    for r in rows:
        x = r["x"]
        if not isinstance(x, ox.NamedNode):
            continue
        items.append(Item(names.get(x.value) or short_name(x.value), x.value, local_href(x.value, base, lang),
                          int(r["n"].value),
                          table_link([RG + kind], dutch.get(x.value), lang),
                          format_date(r["datum"].value, lang) if "datum" in r else ""))
    items.sort(key=lambda i: i.iri if kind == "Afspraak" else i.label.casefold())
    names_of_kind = BROWSE[kind]
    return render("browse_list.html", lang, f"/bladeren/{kind}", None, ds, kind=kind, items=items,
                  title=names_of_kind[0] if lang == "nl" else names_of_kind[1],
                  show_count=any(i.count for i in items) and kind != "Afspraak",
                  show_date=any(i.date for i in items))


def sparql_page(ds: Dataset, example: int, lang: str) -> str:
    """Example queries for data teams, a query form, and results as a table (fetched from GET /sparql)."""
    index = example if 0 <= example < len(SPARQL_EXAMPLES) else 0
    examples = [Example(nl if lang == "nl" else en, q, href("/sparql-pagina", lang, voorbeeld=i))
                for i, (nl, en, q) in enumerate(SPARQL_EXAMPLES)]
    return render("sparql.html", lang, "/sparql-pagina", {"voorbeeld": example or None}, ds, examples=examples,
                  query=SPARQL_EXAMPLES[index][2], chosen=index, base=base_of(ds))
