"""Issue 11: the build is the truth, and ingest refuses what it should.

A served byte never depends on the corpus folder: a corpus file edited or deleted after ingest changes
nothing until the next ingest, which then reports the change. Ingest refuses links out of the corpus
and catalog paths with '..', says in one line when it cannot write its data folder, and removes what
a killed ingest left.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SMALL
from fastapi.testclient import TestClient

from ingest.pipeline import ingest
from ruimtegraaf.builds import DataFolder
from ruimtegraaf.embed import HashEmbedder
from ruimtegraaf.errors import DataFolderUnwritable, InputError, RuimtegraafError

ROUTES = ["/health", "/documents", f"/documents/{SMALL[0]}/text", f"/documents/{SMALL[1]}/text",
          "/search?q=woningbouw%20provincie&k=5", "/api/afspraken", "/", "/dataset?format=turtle",
          "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"]


def served(settings) -> dict[str, bytes]:
    """What a freshly started server answers on every route (a restart: nothing cached)."""
    from api.app import create_app

    with TestClient(create_app(settings, embedder=HashEmbedder())) as client:
        answers = {route: client.get(route) for route in ROUTES}
        ask = client.post("/ask", json={"question": "Wat vraagt de provincie over woningbouw?"})
    assert all(r.status_code == 200 for r in answers.values()), {k: r.status_code for k, r in answers.items()}
    return {**{route: r.content for route, r in answers.items()}, "/ask": ask.content}


def test_a_changed_or_deleted_corpus_file_changes_nothing_served_until_ingest(small):
    ingest(small, HashEmbedder())
    before = served(small)
    edited, deleted = small.corpus_dir / SMALL[0], small.corpus_dir / SMALL[1]
    edited.write_text("Een nieuwe eerste regel schuift alle offsets op.\n" + edited.read_text(encoding="utf-8"),
                      encoding="utf-8")
    deleted.unlink()
    after = served(small)
    assert after == before  # byte for byte, /health included
    report = ingest(small, HashEmbedder())
    assert report.changes == {"added": [], "removed": [SMALL[1]], "changed": [SMALL[0]]}
    assert f"removed: {SMALL[1]}" in report.summary() and f"changed: {SMALL[0]}" in report.summary()


def test_the_server_never_opens_the_corpus_folder(small):
    ingest(small, HashEmbedder())
    for path in small.corpus_dir.iterdir():
        path.unlink()
    small.corpus_dir.rmdir()
    assert served(small)["/health"].startswith(b'{"status":"ok"')


def test_a_link_out_of_the_corpus_is_refused(small, tmp_path):
    secret = tmp_path / "elders.txt"
    secret.write_text("Geheim: niet voor de corpus.\n", encoding="utf-8")
    (small.corpus_dir / "link.txt").symlink_to(secret)
    with pytest.raises(InputError, match="outside the corpus folder"):
        ingest(small, HashEmbedder())
    (small.corpus_dir / "link.txt").unlink()
    (small.corpus_dir / "map").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(InputError, match="outside the corpus folder"):
        ingest(small, HashEmbedder())


def test_a_catalog_path_with_dotdot_is_refused(small):
    (small.corpus_dir / "catalog.ttl").write_text(
        "@prefix rg: <https://w3id.org/ruimtegraaf/def/> .\n"
        "<https://w3id.org/ruimtegraaf/id/document/x> rg:bestand \"../../etc/passwd\" .\n", encoding="utf-8")
    with pytest.raises(InputError, match="outside the corpus folder"):
        ingest(small, HashEmbedder())


def test_an_unwritable_data_folder_is_one_line(small, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = {**os.environ, "RUIMTEGRAAF_MODEL": "hash", "RUIMTEGRAAF_CORPUS": str(small.corpus_dir),
           "RUIMTEGRAAF_DATA": str(blocker / "data")}
    done = subprocess.run([sys.executable, "-m", "cli.main", "ingest"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write to the data folder"), done.stderr


def test_a_permission_error_is_one_line_too(small, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(DataFolderUnwritable) as error:
        ingest(small, HashEmbedder())
    assert "Permission denied" in str(error.value) and "\n" not in str(error.value)


def test_leftovers_of_a_killed_ingest_are_removed_by_the_next(small):
    ingest(small, HashEmbedder())
    folder = DataFolder(small.data_dir)
    left = small.data_dir / "builds" / "20200101T000000Z-99999-1"
    (left / "store").mkdir(parents=True)
    (small.data_dir / ".current.99999").symlink_to("builds/20200101T000000Z-99999-1")
    report = ingest(small, HashEmbedder())
    assert report.leftovers == 1 and not left.exists()
    assert not (small.data_dir / ".current.99999").is_symlink()
    assert folder.current() == report.build


def test_two_ingests_at_once_are_refused(small):
    folder = DataFolder(small.data_dir)
    with folder.lock(), pytest.raises(RuimtegraafError, match="another ingest"):
        ingest(small, HashEmbedder())
