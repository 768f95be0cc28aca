"""The exceptions the core raises and the edges (CLI, HTTP) turn into one clear line."""

from __future__ import annotations


class RuimtegraafError(Exception):
    """Base class: the message says what went wrong and what to do next."""


class InputError(RuimtegraafError):
    """A source document cannot be read; names the file and the fix."""

    def __init__(self, path: str, problem: str, fix: str) -> None:
        self.path, self.problem, self.fix = path, problem, fix
        super().__init__(f"{path}: {problem}; {fix}")


class ValidationFailed(RuimtegraafError):
    """The new graph does not conform to the shapes; the previous data keeps serving."""

    def __init__(self, report_text: str) -> None:
        self.report_text = report_text
        super().__init__("the new graph does not conform to the SHACL shapes; the previous data keeps "
                         "serving. Fix the source or the extraction, then run `ruimtegraaf ingest` again.\n"
                         + report_text)


class NoData(RuimtegraafError):
    """There is no built data in the data folder yet."""

    def __init__(self, data_dir: object) -> None:
        super().__init__(f"no built data in {data_dir}; run `ruimtegraaf ingest` first")


class BuildUnusable(RuimtegraafError, OSError):
    """A build in the data folder cannot be served (made by an older version, or damaged)."""

    def __init__(self, build: object, problem: str) -> None:
        super().__init__(f"the build {build} cannot be served: {problem}; run `ruimtegraaf ingest` to make a new one")


class DataFolderUnwritable(RuimtegraafError):
    """Ingest cannot write to the data folder."""

    def __init__(self, data_dir: object, error: OSError) -> None:
        reason = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename else ""
        super().__init__(f"cannot write to the data folder {data_dir}: {reason}{where}; choose a writable folder "
                         "with --data or RUIMTEGRAAF_DATA, or fix its permissions")
