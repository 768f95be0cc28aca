"""Dump what the server answers, to show that a change of structure changed no behaviour.

    .venv/bin/python bench/same_behaviour.py OUT_DIR [--eval ../shared/eval]

Builds the corpus afresh with the hash embedder (a temporary data folder), then writes to OUT_DIR:

- ask.jsonl: for every question in the eval's qa_*.jsonl, the /ask JSON and the /search top 5
- afspraken.json: /api/afspraken (all of them)
- dumps/: every /dumps/ruimtegraaf.* parsed into a sorted set of quads (triples in the default graph
  for the triple formats), one N-Quads line each
- pages/: a sample of pages (HTML, CSV, RDF by negotiation, JSON), reached by following the links of
  the start pages breadth-first, in a stable order

The build's name, times (ISO date-times) and blank node labels are replaced by placeholders, and the script runs itself
with PYTHONHASHSEED=0 (equal search scores otherwise come out in another order from run to run), so two
runs on the same code give the same files; compare two runs with `diff -r BEFORE AFTER`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START_PAGES = ("/", "/?lang=en", "/afspraken", "/afspraken.csv", "/bladeren", "/sparql-pagina", "/def/",
               "/documents", "/.well-known/void", "/api/tijdlijn/project/lelylijn", "/health")
RDF_PAGES = ("/doc/provincie/drenthe", "/def/Afspraak", "/.well-known/void", "/dataset")
HTML_PAGES = ("/def/", "/def", "/.well-known/void", "/dataset?lang=en")  # pages that are RDF unless asked for HTML
RDF_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
MAX_PAGES = 400
_BLANK = re.compile(r"_:[A-Za-z0-9]+")  # blank node labels differ from run to run
_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
DUMPS = ("ttl", "nt", "nq", "trig", "jsonld", "rdf")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # ties in search scores keep one order only under a fixed seed
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--pages", type=int, default=MAX_PAGES, help="how many linked pages to follow")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from api.app import create_app
    from ingest.pipeline import ingest
    from ruimtegraaf.builds import DataFolder, read_manifest
    from ruimtegraaf.embed import HashEmbedder
    from ruimtegraaf.settings import Settings

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="same-behaviour-") as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", corpus_dir=ROOT / "corpus", embedding_model="hash")
        ingest(settings, HashEmbedder())
        build = DataFolder(settings.data_dir).current()
        assert build is not None
        manifest = read_manifest(build)
        volatile = [(build.name, "BUILD"), (str(manifest.get("created", "\0")), "CREATED"),
                    (f'"worker":{os.getpid()}', '"worker":PID')]  # /health names the process that answered

        def stable(text: str) -> str:
            for value, placeholder in volatile:
                text = text.replace(value, placeholder)
            return _BLANK.sub("_:b", _DATETIME.sub("DATETIME", text))

        with TestClient(create_app(settings, embedder=HashEmbedder())) as client:
            _questions(client, args.eval, out, stable)
            afspraken = client.get("/api/afspraken", params={"limit": 100_000})
            (out / "afspraken.json").write_text(stable(json.dumps(afspraken.json(), ensure_ascii=False, indent=1)),
                                                encoding="utf-8")
            _dumps(client, out / "dumps", stable)
            _pages(client, out / "pages", stable, args.pages)
    print(f"wrote {out}", file=sys.stderr)
    return 0


def _questions(client, eval_dir: Path, out: Path, stable) -> None:
    lines = []
    for path in sorted(eval_dir.glob("qa_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            question = json.loads(line)["question"]
            ask = client.post("/ask", json={"question": question})
            search = client.get("/search", params={"q": question, "k": 5})
            lines.append(json.dumps({"file": path.name, "question": question, "ask_status": ask.status_code,
                                     "ask": ask.json(), "search_status": search.status_code,
                                     "search": search.json()}, ensure_ascii=False, sort_keys=True))
    (out / "ask.jsonl").write_text(stable("\n".join(lines) + "\n"), encoding="utf-8")


def _dumps(client, out: Path, stable) -> None:
    import rdflib

    out.mkdir(exist_ok=True)
    formats = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdf": "xml"}
    for extension in DUMPS:
        response = client.get(f"/dumps/ruimtegraaf.{extension}")
        dataset = rdflib.Dataset()
        dataset.parse(data=response.content, format=formats[extension])
        quads = set()
        for s, p, o, g in dataset.quads((None, None, None, None)):
            graph = g.identifier if isinstance(g, rdflib.Graph) else g
            parts = [_term(s), _term(p), _term(o)]
            if graph is not None and str(graph) != str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID):
                parts.append(_term(graph))
            quads.add(" ".join(parts) + " .")
        body = stable("\n".join(sorted(quads)) + "\n")
        (out / f"{extension}.nq").write_text(f"# status {response.status_code}, {len(quads)} quads\n" + body,
                                             encoding="utf-8")


def _term(term) -> str:
    import rdflib

    if isinstance(term, rdflib.BNode):
        return "_:b"  # blank node labels differ between parses; their place in the quad stays
    return term.n3()


def _pages(client, out: Path, stable, limit: int) -> None:
    out.mkdir(exist_ok=True)
    seen: set[str] = set()
    queue = deque(START_PAGES)
    index = []
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, follow_redirects=False)
        kind = response.headers.get("content-type", "")
        body = response.text if not kind.startswith(("application/octet", "image/")) else response.content.hex()
        name = hashlib.sha256(path.encode()).hexdigest()[:16]
        (out / f"{name}.txt").write_text(stable(f"GET {path}\nstatus {response.status_code}\ncontent-type {kind}\n"
                                                f"location {response.headers.get('location')}\n\n{body}"),
                                         encoding="utf-8")
        index.append(f"{name} {response.status_code} {path}")
        if "html" in kind:
            links = _Links()
            links.feed(response.text)
            for link in links.links:
                target = urljoin("http://testserver" + path, link)
                parts = urlsplit(target)
                if parts.netloc != "testserver" or parts.path.startswith(("/dumps/", "/static/")):
                    continue
                local = parts.path + (f"?{parts.query}" if parts.query else "")
                if local not in seen:
                    queue.append(local)
    for path in HTML_PAGES:
        response = client.get(path, headers={"Accept": "text/html"})
        name = hashlib.sha256(f"{path} text/html".encode()).hexdigest()[:16]
        (out / f"{name}.txt").write_text(stable(f"GET {path} Accept: text/html\nstatus {response.status_code}\n\n"
                                                f"{response.text}"), encoding="utf-8")
        index.append(f"{name} {response.status_code} {path} [text/html]")
    for path in RDF_PAGES:
        for media in RDF_TYPES:
            response = client.get(path, headers={"Accept": media})
            name = hashlib.sha256(f"{path} {media}".encode()).hexdigest()[:16]
            text = _canonical_rdf(response.content, media) if response.status_code == 200 else response.text
            (out / f"{name}.txt").write_text(stable(f"GET {path} Accept: {media}\nstatus {response.status_code}\n\n"
                                                    f"{text}"), encoding="utf-8")
            index.append(f"{name} {response.status_code} {path} [{media}]")
    (out / "INDEX").write_text(stable("\n".join(index) + "\n"), encoding="utf-8")


def _canonical_rdf(content: bytes, media: str) -> str:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=content, format={"text/turtle": "turtle", "application/n-triples": "nt",
                                      "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[media])
    return "\n".join(sorted(" ".join(_term(t) for t in triple) + " ." for triple in graph)) + "\n"


if __name__ == "__main__":
    sys.exit(main())
