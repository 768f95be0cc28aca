"""`ruimtegraaf serve --workers N`: several server processes over the one build, each seeing a new build."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import CORPUS, SMALL

pytestmark = pytest.mark.slow  # starts real server processes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ingest(data: Path, corpus: Path) -> None:
    from ingest.pipeline import ingest
    from ruimtegraaf.embed import HashEmbedder
    from ruimtegraaf.settings import Settings

    ingest(Settings(data_dir=data, corpus_dir=corpus, embedding_model="hash"), HashEmbedder())


@pytest.fixture()
def two_workers(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`serve --workers 2` over a two-letter build; yields its URL, the data and the corpus folder."""
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    for name in SMALL:
        shutil.copy(CORPUS / name, corpus / name)
    _ingest(data, corpus)
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--data", str(data), "--corpus",
                               str(corpus), "--model", "hash", "--port", str(port), "--workers", "2"],
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "HF_HUB_OFFLINE": "1"},
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                raise AssertionError(f"serve exited with {server.returncode}:\n"
                                     + (tmp_path / "serve.log").read_text(errors="replace"))
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "serve --workers 2 did not answer /health within 90 s"
            time.sleep(0.2)
        yield url, data, corpus
    finally:
        server.send_signal(signal.SIGTERM)  # uvicorn's supervisor ends its workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def _health_by_worker(url: str, want: int = 2, tries: int = 200) -> dict[int, dict]:
    """/health answers keyed by the worker process that gave them; each request on a new connection."""
    seen: dict[int, dict] = {}
    for _ in range(tries):
        with httpx.Client(timeout=10) as client:  # a fresh connection may land on either worker
            body = client.get(f"{url}/health").json()
        seen[body["worker"]] = body
        if len(seen) >= want:
            break
    return seen


def _ask_by_worker(url: str, question: str, tries: int = 200) -> dict[int, dict]:
    """/ask answers keyed by worker: /health on the same kept-alive connection names the worker."""
    seen: dict[int, dict] = {}
    for _ in range(tries):
        with httpx.Client(timeout=30) as client:
            answer = client.post(f"{url}/ask", json={"question": question})
            assert answer.status_code == 200, answer.text
            worker = client.get(f"{url}/health").json()["worker"]
        seen[worker] = answer.json()
        if len(seen) >= 2:
            break
    return seen


def test_two_workers_answer_health_and_ask(two_workers):
    url, _, _ = two_workers
    health = _health_by_worker(url)
    assert len(health) == 2, f"only worker(s) {sorted(health)} answered"
    assert len({h["build"] for h in health.values()}) == 1
    answers = _ask_by_worker(url, "Hoeveel woningen worden er gebouwd?")
    assert len(answers) == 2, f"only worker(s) {sorted(answers)} answered /ask"
    for answer in answers.values():
        assert answer["answer"] and isinstance(answer["citations"], list)
    assert len({tuple(c["document"] for c in a["citations"]) for a in answers.values()}) == 1  # one build


def test_every_worker_serves_the_switched_build(two_workers):
    url, data, corpus = two_workers
    before = _health_by_worker(url)
    assert len(before) == 2
    (old_build,) = {h["build"] for h in before.values()}
    (corpus / SMALL[1]).unlink()  # an incremental ingest publishes a build with one letter fewer
    _ingest(data, corpus)
    deadline = time.monotonic() + 30
    while True:
        after = _health_by_worker(url)
        if len(after) == 2 and all(h["build"] != old_build for h in after.values()):
            break
        assert time.monotonic() < deadline, f"not every worker switched build: {after}"
        time.sleep(0.3)
    assert all(h["passages"] < next(iter(before.values()))["passages"] for h in after.values())
