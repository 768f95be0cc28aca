"""The command line: `ruimtegraaf ingest | serve | passages | validate | ask | search | sparql | export`.

Thin: parse arguments, build settings and heavy objects, call one core function, print the result.
Every expected failure is one line on stderr that says what to do next, and exit code 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ruimtegraaf.errors import RuimtegraafError
from ruimtegraaf.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    settings = Settings.from_env(data_dir=getattr(args, "data", None), corpus_dir=getattr(args, "corpus", None),
                                 embedding_model=getattr(args, "model", None))
    try:
        return int(args.run(args, settings) or 0)
    except RuimtegraafError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--data", help="data folder for built data (default: data/, or RUIMTEGRAAF_DATA)")
    common.add_argument("--corpus", help="corpus folder (default: the project's corpus/, or RUIMTEGRAAF_CORPUS)")
    common.add_argument("--model", help="sentence-transformers model name or path (or RUIMTEGRAAF_MODEL; "
                                        "'hash' for the model-free fake)")
    p = argparse.ArgumentParser(prog="ruimtegraaf", description="Kennisgraaf en vraagbeantwoording over de "
                                "Bestuurlijke Overleggen Leefomgeving.", parents=[common])
    sub = p.add_subparsers(dest="command")

    s = sub.add_parser("ingest", parents=[common], help="build the graph and search index from the corpus "
                       "(redoing only the documents that were added, changed or removed since the last ingest)")
    s.add_argument("--full", action="store_true", help="read, segment, validate and store every document again")
    s.set_defaults(run=_ingest)
    s = sub.add_parser("serve", parents=[common], help="serve the API and web pages (ingests first if needed)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=None,
                   help="server processes sharing the one build (default: the number of CPU cores)")
    s.set_defaults(run=_serve)
    s = sub.add_parser("passages", parents=[common], help="print the passages of one corpus file")
    s.add_argument("file", help="a corpus file (path or name)")
    s.add_argument("--lines", help="only passages starting in this line range, e.g. 1941-2150")
    s.set_defaults(run=_passages)
    s = sub.add_parser("validate", parents=[common], help="validate the current graph against the shapes")
    s.set_defaults(run=_validate)
    s = sub.add_parser("ask", parents=[common], help="answer a question with citations")
    s.add_argument("question")
    s.add_argument("--json", action="store_true", help="print the JSON response")
    s.set_defaults(run=_ask)
    s = sub.add_parser("search", parents=[common], help="search passages")
    s.add_argument("query")
    s.add_argument("-k", type=int, default=10)
    s.set_defaults(run=_search)
    s = sub.add_parser("sparql", parents=[common], help="run a SPARQL query on the current graph")
    s.add_argument("query", help="the query text, or - to read it from stdin")
    s.add_argument("--format", help="as the endpoint's format parameter: json (default for SELECT/ASK), xml, csv, "
                                    "tsv; turtle (default for CONSTRUCT/DESCRIBE), ntriples, jsonld, rdfxml")
    s.set_defaults(run=_sparql)
    s = sub.add_parser("export", parents=[common], help="write the whole graph with its dataset description")
    s.add_argument("--format", default="turtle", help="turtle (ttl), ntriples (nt), nquads (nq), trig, jsonld, "
                                                      "rdfxml (rdf); default turtle")
    s.add_argument("--output", "-o", help="file to write (default: stdout)")
    s.set_defaults(run=_export)
    return p


def _embedder(settings: Settings):
    from ruimtegraaf.embed import load_embedder

    return load_embedder(settings.embedding_model)


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.pipeline import ingest

    report = ingest(settings, _embedder(settings), full=args.full, log=lambda m: print(m, file=sys.stderr))
    print(report.summary())
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.serving import server_options, worker_options
    from ruimtegraaf.builds import DataFolder, self_contained

    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise RuimtegraafError(f"--workers {workers}: give at least 1 (or leave it out: one per CPU core)")
    embedder = None
    current = DataFolder(settings.data_dir).current()
    if current is None or not self_contained(current):
        from ingest.pipeline import ingest

        why = "no built data" if current is None else "the build was made by an older version"
        print(f"{why} in {settings.data_dir}; ingesting the corpus first", file=sys.stderr)
        embedder = _embedder(settings)
        print(ingest(settings, embedder, log=lambda m: print(m, file=sys.stderr)).summary(), file=sys.stderr)
    if workers == 1:
        from api.app import create_app

        app = create_app(settings, embedder=embedder)  # without one it loads the model for questions
        uvicorn.run(app, host=args.host, port=args.port, log_level="info",
                    **server_options(settings.header_timeout_s))
        return 0
    # uvicorn starts each worker as a fresh process that builds its own app from the environment
    os.environ.update({"RUIMTEGRAAF_DATA": str(settings.data_dir.resolve()),
                       "RUIMTEGRAAF_CORPUS": str(settings.corpus_dir.resolve()),
                       "RUIMTEGRAAF_MODEL": settings.embedding_model})
    uvicorn.run("api.app:app_from_env", factory=True, workers=workers, host=args.host, port=args.port,
                log_level="info", **worker_options())
    return 0


def _passages(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.pipeline import read_corpus

    corpus = read_corpus(settings.corpus_dir)
    name = Path(args.file).name
    lo, hi = (int(x) for x in args.lines.split("-")) if args.lines else (1, 10**9)
    source = next((s for path, s in corpus.sources.items() if Path(path).name == name), None)
    if source is None:
        raise RuimtegraafError(f"{args.file} is not in the corpus folder {settings.corpus_dir}")
    for p in corpus.passages:
        if p.document != source.path:
            continue
        first = source.text.count("\n", 0, p.start) + 1
        if not lo <= first <= hi:
            continue
        last = source.text.count("\n", 0, p.end) + 1
        flags = [p.kind, f"p{p.page}" if p.page else "p-"]
        if p.part:
            flags.append(f"part {p.part}/{p.parts}")
        if p.duplicate_of:
            flags.append(f"duplicate of {p.duplicate_of}")
        print(f"{p.id}  L{first}-{last}  [{p.start}:{p.end}]  {' '.join(flags)}")
        print(f"    {p.subdocument} › {' › '.join(p.heading_path)}")
        if p.lead_in:
            print(f"    lead-in: {p.lead_in}")
        print(f"    {' '.join(p.text.split())[:160]}")
    return 0


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.build import validate_build

    report = validate_build(settings)
    print(report.text())
    return 0 if report.conforms else 1


def _dataset(settings: Settings):
    from ruimtegraaf.builds import DataFolder
    from ruimtegraaf.dataset import Dataset
    from ruimtegraaf.errors import NoData

    build = DataFolder(settings.data_dir).current()
    if build is None:
        raise NoData(settings.data_dir)
    return Dataset.load(build, settings.corpus_dir, _embedder(settings), store=None, **settings.fusion)


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from ruimtegraaf.answering.answerer import Answerer

    answer = Answerer(_dataset(settings), settings).ask(args.question)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=1))
        return 0
    print(answer.answer)
    for i, c in enumerate(answer.citations, start=1):
        quote = " ".join(c["quote"].split())
        print(f"[{i}] {c['document']} [{c['start']}:{c['end']}] p.{c['page']}: {quote[:200]}")
    return 0


def _search(args: argparse.Namespace, settings: Settings) -> int:
    from ruimtegraaf.answering.answerer import Answerer

    for h in Answerer(_dataset(settings), settings).search(args.query, args.k):
        p = h.passage
        print(f"{h.score:.4f}  {p.document} [{p.start}:{p.end}] {' › '.join(p.heading_path)[:80]}")
        print(f"        {' '.join(p.text.split())[:160]}")
    return 0


def _store(settings: Settings):
    """The current build's graph store (read-only) and manifest, without loading the search index or model."""
    from ruimtegraaf.builds import STORE_DIR, DataFolder, read_manifest
    from ruimtegraaf.errors import NoData
    from ruimtegraaf.store import EmbeddedStore

    build = DataFolder(settings.data_dir).current()
    if build is None:
        raise NoData(settings.data_dir)
    return EmbeddedStore(build / STORE_DIR, read_only=True), read_manifest(build)


def _to_stdout(write) -> int:
    """Write bytes to stdout; a reader that stops early (`| head`) is not an error."""
    try:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
    return 0


def _sparql(args: argparse.Namespace, settings: Settings) -> int:
    from api.negotiation import QUERY_GRAPH_FORMATS as GRAPH_FORMATS
    from api.negotiation import RESULT_FORMATS, Format, by_name, describe
    from api.sparql import ProtocolError, check_query, respond, writer_type
    from ruimtegraaf.query_run import QueryJob, execute

    query = sys.stdin.read() if args.query == "-" else args.query
    results: Format | None = RESULT_FORMATS[0]
    graphs: Format | None = GRAPH_FORMATS[0]
    if args.format:
        results, graphs = by_name(RESULT_FORMATS, args.format), by_name(GRAPH_FORMATS, args.format)
        if results is None and graphs is None:
            raise RuimtegraafError(f"unknown format {args.format!r}; use one of:\n"
                                   + describe(RESULT_FORMATS + GRAPH_FORMATS))
    store, _ = _store(settings)
    try:  # the endpoint's own checks and writers, in this process; no row limit or deadline here
        names_dataset = check_query(query)
        job = QueryJob(query, settings.base_iri, names_dataset=names_dataset, results=writer_type(results),
                       graphs=writer_type(graphs), max_rows=sys.maxsize)
        body = respond(execute(store.native, job), results, graphs, settings).body
    except ProtocolError as error:
        raise RuimtegraafError(str(error)) from None
    data = bytes(body)
    return _to_stdout(lambda out: out.write(data if data.endswith(b"\n") else data + b"\n"))


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from ruimtegraaf.builds import DataFolder
    from ruimtegraaf.dataset_description import served_description
    from ruimtegraaf.export import dump_format, export

    fmt = dump_format(args.format)
    store, manifest = _store(settings)
    graph, stored = served_description(DataFolder(settings.data_dir).current(), store, settings.base_iri,
                                       manifest.get("created"))
    description = None if stored else graph  # ingest stores the description with the data
    if not args.output:
        return _to_stdout(lambda out: export(store, out, fmt, description, base_iri=settings.base_iri))
    target = Path(args.output)
    partial = target.with_name(target.name + ".partial")
    with partial.open("wb") as out:
        export(store, out, fmt, description, base_iri=settings.base_iri)
    partial.replace(target)  # a failed export leaves no half-written file under the asked name
    print(f"wrote {target} ({fmt.name}, {target.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
