"""The README's promises that could drift: the CI command and the CLI usage."""

from __future__ import annotations

import re
from pathlib import Path

from cli.main import _parser

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line.strip() for line in readme.splitlines() if line.startswith("    ") and "python3 -m venv" in line]


def test_readme_has_two_fresh_machine_commands_and_ci_runs_the_second():
    main, tests = _commands()
    assert "ruimtegraaf serve" in main and "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_readme_lists_every_cli_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    listed = set(re.findall(r"^    ruimtegraaf (\w+)", readme, flags=re.M))
    assert listed == set(sub.choices)
