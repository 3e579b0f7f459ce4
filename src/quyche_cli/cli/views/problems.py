"""Problems of a rules file: ``file:line:col: lỗi [code] message`` for people and editors, GitHub annotations
for CI."""

from __future__ import annotations

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.safe import one_line
from quyche_cli.rules.lint import LintReport
from quyche_cli.rules.problems import Problem
from quyche_cli.rules.validation import ValidationReport

SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo"}


def problem_line(problem: Problem) -> str:
    """``file:line:col: lỗi [code] message (Điều 6 › khoản 15)``, the form editors and CI logs link: always one
    line, whatever the file's names and the reasons in ``lint.accepted`` hold."""
    where = ":".join(str(x) for x in (problem.file, problem.line, problem.column) if x is not None)
    ref = f" ({problem.ref})" if problem.ref else ""
    accepted = f" [đã chấp nhận: {problem.accepted}]" if problem.accepted else ""
    prefix = f"{where}: " if where else ""
    return one_line(f"{prefix}{SEVERITY_VI[problem.severity]} [{problem.code}] {problem.message}{ref}{accepted}")


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


def _lines(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


@reporter(ValidationReport, "text")
def validation_text(report: ValidationReport, view: View) -> str:
    lines = []
    for checked in report.files:
        lines += [problem_line(p) for p in checked.problems]
        if checked.problems:
            lines.append(f"✗ {checked.path}: {len(checked.problems)} lỗi.")
        elif checked.registry is not None:
            lines.append(f"✓ {checked.path} hợp lệ: sổ tổ chức, {len(checked.registry.agencies)} cơ quan.")
        elif checked.rules is not None:
            rules = checked.rules
            lines.append(
                f"✓ {checked.path} hợp lệ: {len(rules.articles())} điều, {len(rules.provisions)} quy định, "
                f"{len(rules.members)} thành viên, {len(rules.agencies)} cơ quan."
            )
    return _lines(lines)


@reporter(ValidationReport, "github")
def validation_github(report: ValidationReport, view: View) -> str:
    return _lines([github_line(p) for p in report.problems])


@reporter(LintReport, "text")
def lint_text(report: LintReport, view: View) -> str:
    accepted = len(report.findings) - len(report.failing)
    return _lines(
        [*map(problem_line, report.findings), f"{len(report.findings)} phát hiện, {accepted} đã được chấp nhận."]
    )
