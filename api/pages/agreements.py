"""The agreements table (/afspraken) with its filters, themes and sort, and the same selection as CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from api.pages.graph import labels, select
from api.pages.render import Named, PageError, base_of, collapse, href, local_href, render, span_href
from api.pages.text import SKOS, STRINGS
from ruimtegraaf import iris
from ruimtegraaf.afspraken import filter_afspraken
from ruimtegraaf.dataset import Dataset, Derived
from ruimtegraaf.embed import fold
from ruimtegraaf.privacy import mask

FILTERS = ("regio", "provincie", "novexgebied", "programma", "tekst")


@dataclass(frozen=True)
class Theme:
    """A theme of the thema: scheme, and the words that signal it in an agreement's text."""

    slug: str
    labels: dict[str, str]
    pattern: re.Pattern[str]


@dataclass
class AgreementRow:
    """One row of the agreements table."""

    ref: str
    jaar: int
    regio: str
    onderwerp: str
    tekst: str
    soort: str
    about: list[Named]
    themes: list[str]
    amounts: list[str]
    href: str | None
    source: str
    page: int | None = None


def _themes(ds: Dataset) -> list[Theme]:
    scheme = base_of(ds) + "id/thema/"
    rows = select(ds, f"SELECT ?t ?p ?l WHERE {{ ?t <{SKOS}inScheme> <{scheme}> ; ?p ?l . "
                      f"FILTER(?p IN (<{SKOS}prefLabel>, <{SKOS}altLabel>)) }}")
    words: dict[str, set[str]] = {}
    names: dict[str, dict[str, str]] = {}
    for r in rows:
        slug = iris.thing_ref(r["t"].value)
        label = r["l"]
        assert isinstance(label, ox.Literal)
        words.setdefault(slug, set()).add(fold(label.value))
        if r["p"].value.endswith("prefLabel") and label.language:
            names.setdefault(slug, {})[label.language] = label.value
    themes = []
    for slug in sorted(words):
        alternatives = sorted((re.escape(w) + (r"(?!\w)" if len(w) <= 3 else "") for w in words[slug]), key=len)
        themes.append(Theme(slug, names.get(slug, {"nl": slug}), re.compile(r"(?<!\w)(?:" + "|".join(
            reversed(alternatives)) + ")")))
    return themes


THEMES: Derived[list[Theme]] = Derived(_themes)


def _item_themes(ds: Dataset) -> dict[str, list[str]]:
    themes = THEMES.of(ds)
    out = {}
    for it in ds.afspraken:
        text = fold(f"{it.get('onderwerp') or ''} {it.get('tekst') or ''}")
        out[it["ref"]] = [th.slug for th in themes if th.pattern.search(text)]
    return out


ITEM_THEMES: Derived[dict[str, list[str]]] = Derived(_item_themes)  # agreement ref -> theme slugs


def select_afspraken(ds: Dataset, params: dict[str, str], lang: str = "nl") -> list[dict[str, Any]]:
    """The agreements the /afspraken filters select, sorted as asked (`sorteer=bedrag` or `bedrag-op`)."""
    jaar = (params.get("jaar") or "").strip()
    if jaar and not jaar.isdigit():
        raise PageError(400, STRINGS[lang]["bad_year"])
    wanted = {k: (params.get(k) or "").strip() or None for k in FILTERS}
    items = filter_afspraken(ds.afspraken, jaar=int(jaar) if jaar else None, **wanted)
    theme = (params.get("thema") or "").strip()
    if theme:
        tagged = ITEM_THEMES.of(ds)
        items = [it for it in items if theme in tagged.get(it["ref"], [])]
    order = params.get("sorteer")
    if order in ("bedrag", "bedrag-op"):
        with_amount = [it for it in items if it.get("amounts")]
        with_amount.sort(key=_largest_amount, reverse=order == "bedrag")
        items = with_amount + [it for it in items if not it.get("amounts")]
    return items


def _largest_amount(item: dict[str, Any]) -> float:
    return max(a["value_eur"] for a in item["amounts"])  # type: ignore[no-any-return]  # JSON numbers


def afspraken_page(ds: Dataset, params: dict[str, str], lang: str) -> str:
    """The agreements table with its filters, sort and CSV link."""
    items = select_afspraken(ds, params, lang)
    tagged = ITEM_THEMES.of(ds)
    themes = THEMES.of(ds)
    theme_label = {th.slug: th.labels.get(lang) or th.labels.get("nl", th.slug) for th in themes}
    base = base_of(ds)
    kinds = labels(ds, {iris.thing(base, "afspraaksoort", it["soort"]) for it in items if it.get("soort")}, lang)
    rows = [_afspraak_row(ds, it, [theme_label[s] for s in tagged.get(it["ref"], [])], lang) for it in items]
    for row in rows:
        row.soort = kinds.get(iris.thing(base, "afspraaksoort", row.soort), row.soort)
    chosen = {k: params.get(k, "") for k in ("regio", "provincie", "novexgebied", "programma", "thema", "jaar",
                                               "tekst", "sorteer")}
    return render("afspraken.html", lang, "/afspraken", chosen, ds, rows=rows, total=len(ds.afspraken),
                  chosen=chosen, options=_filter_options(ds.afspraken), themes=sorted(theme_label.items(),
                  key=lambda kv: kv[1]), csv_href=href("/afspraken.csv", "nl", **chosen))


def _filter_options(items: list[dict[str, Any]]) -> dict[str, list[str]]:
    def labels(key: str) -> list[str]:
        found = set()
        for it in items:
            value = it.get(key)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, dict) and v.get("label"):
                    found.add(v["label"])
        return sorted(found)

    return {"regio": labels("regio"), "provincie": labels("provincies"), "novexgebied": labels("novexgebieden"),
            "programma": labels("programmas"), "jaar": sorted({str(it["jaar"]) for it in items}, reverse=True)}


def _afspraak_row(ds: Dataset, it: dict[str, Any], themes: list[str], lang: str) -> AgreementRow:
    c = it["citation"]
    base = base_of(ds)
    about = [Named(x["label"], local_href(x.get("iri") or "", base, lang))
             for key in ("provincies", "novexgebieden", "programmas") for x in it.get(key) or []]
    return AgreementRow(it["ref"], it["jaar"], (it.get("regio") or {}).get("label") or "", it.get("onderwerp") or "",
                        collapse(mask(it.get("tekst") or "")), it.get("soort") or "", about, themes,
                        [a["text"] for a in it.get("amounts") or []], local_href(it.get("iri") or "", base, lang),
                        span_href(c["document"], c["start"], c["end"], lang), c.get("page"))


def afspraken_table_csv(items: list[dict[str, Any]], site: str) -> str:
    """The selected agreements as CSV (one row each; lists joined with "; "), with a link to each source."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ref", "jaar", "regio", "onderwerp", "soort", "provincies", "novexgebieden", "programmas",
                     "bedragen_eur", "bedragen_tekst", "tekst", "document", "start", "end", "pagina", "bron"])

    def joined(values: list[dict[str, Any]] | None, key: str = "label") -> str:
        return "; ".join(str(v[key]) for v in values or [])

    for it in items:
        c = it["citation"]
        writer.writerow([it["ref"], it["jaar"], (it.get("regio") or {}).get("label") or "", it.get("onderwerp") or "",
                         it.get("soort") or "", joined(it.get("provincies")), joined(it.get("novexgebieden")),
                         joined(it.get("programmas")), "; ".join(f"{a['value_eur']:.2f}" for a in it["amounts"]),
                         joined(it.get("amounts"), "text"), mask(it.get("tekst") or ""), c["document"], c["start"],
                         c["end"], c.get("page") or "", site + span_href(c["document"], c["start"], c["end"], "nl")])
    return out.getvalue()
