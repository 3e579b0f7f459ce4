"""Formatting results for people (Rich text, Markdown), machines (JSON) and CI (GitHub annotations)."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from quyche_cli.rules.problems import Problem

SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo"}


def console(stderr: bool = False) -> Console:
    """A console that wraps at 80 columns or the terminal width and prints no colour into a pipe."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def problem_line(problem: Problem) -> str:
    """``file:line:col: lỗi [code] message (Điều 6 › khoản 15)``, the form editors and CI logs link."""
    where = ":".join(str(x) for x in (problem.file, problem.line, problem.column) if x is not None)
    ref = f" ({problem.ref})" if problem.ref else ""
    accepted = f" [đã chấp nhận: {problem.accepted}]" if problem.accepted else ""
    prefix = f"{where}: " if where else ""
    return f"{prefix}{SEVERITY_VI[problem.severity]} [{problem.code}] {problem.message}{ref}{accepted}"


def _escape(value: str, property_: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_ else value


def github_line(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the file at the problem's line."""
    level = "warning" if problem.severity == "warning" or problem.accepted else "error"
    props = [f"file={_escape(problem.file, True)}"] if problem.file else []
    props += [f"line={problem.line}"] if problem.line else []
    props += [f"col={problem.column}"] if problem.column else []
    props.append(f"title={_escape(problem.code, True)}")
    ref = f" ({problem.ref})" if problem.ref else ""
    return f"::{level} {','.join(props)}::{_escape(problem.message + ref)}"
