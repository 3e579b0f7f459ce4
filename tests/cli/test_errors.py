"""One way to fail: every error a user can cause is a QuycheError with a Vietnamese message and its exit code;
an output that cannot be written says why; lint codes come from one catalogue; every result has its reporters."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from quyche_cli.cli.views import REPORTERS, reporter_for
from quyche_cli.errors import PROBLEMS, USAGE, InputError, NotFoundError, OutputError, QuycheError
from quyche_cli.rules.problems import LINT_CHECKS, LintCode, RulesFileError
from support import RULES_FILE, write_rules


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deadlines", "--format", "ics", "--out", "missing/han.ics"], "Thư mục 'missing' không tồn tại"),
        (["deadlines", "--format", "ics", "--out", "."], "là một thư mục"),
        (["render", "quy-che", "--out", "missing/q.docx"], "Thư mục 'missing' không tồn tại"),
        (["render", "quy-che", "--out", "."], "là một thư mục"),
    ],
)
def test_an_unwritable_out_says_why_and_exits_2(cli: Callable[..., Result], args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.exit_code == USAGE, result.output
    assert message in result.stderr and "Lỗi không mong đợi" not in result.stderr and ".tmp" not in result.stderr


def test_check_reports_refuses_a_directory_as_out_before_reading(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "out").mkdir()
    result = cli("check-reports", str(folder), "--format", "json", "--out", str(tmp_path / "out"))
    assert result.exit_code == USAGE and "là một thư mục" in result.stderr


def test_error_types_carry_their_exit_codes() -> None:
    assert issubclass(InputError, QuycheError) and issubclass(InputError, ValueError)
    assert {InputError.exit_code, RulesFileError.exit_code, OutputError.exit_code} == {USAGE}
    assert NotFoundError.exit_code == PROBLEMS


def test_every_lint_code_is_catalogued_and_findings_use_only_those(rules: object) -> None:
    from quyche_cli.rules.lint import lint

    assert set(LINT_CHECKS) == set(LintCode)
    assert all(check.description.endswith(".") for check in LINT_CHECKS.values())
    findings = lint(rules).findings  # type: ignore[arg-type]
    assert findings and {f.code for f in findings} <= {code.value for code in LintCode}
    assert all(f.severity == LINT_CHECKS[LintCode(f.code)].severity for f in findings)


def test_an_accepted_finding_with_a_mistyped_code_is_a_validation_error(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    entry = "    - {code: numbering-gapp, ref: art_5__para_2, reason: đã xem}"
    broken = text.replace("  accepted: []", f"  accepted:\n{entry}")
    assert broken != text
    result = cli("validate", str(write_rules(tmp_path, broken)), "--format", "json")
    assert result.exit_code == PROBLEMS
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["code"] == "schema-enum" and "numbering-gap" in problem["message"]
    assert (
        problem["line"]
        == broken.splitlines().index("    - {code: numbering-gapp, ref: art_5__para_2, reason: đã xem}") + 1
    )
    accepted = text.replace(
        "  accepted: []", "  accepted:\n    - {code: numbering-gap, ref: art_5__para_2, reason: đã xem}"
    )
    assert cli("validate", str(write_rules(tmp_path, accepted))).exit_code == 0


def test_every_typed_result_has_a_text_and_a_json_reporter() -> None:
    from quyche_cli.audit.results import Audit
    from quyche_cli.lookup.citations import Excerpt
    from quyche_cli.lookup.duties import DutiesReport, Roster
    from quyche_cli.lookup.search import SearchResult
    from quyche_cli.rules.lint import LintReport
    from quyche_cli.rules.validation import ValidationReport
    from quyche_cli.schedule.deadlines import Schedule
    from quyche_cli.schedule.workcalendar import CalendarYear

    for result in (
        Audit,
        Excerpt,
        DutiesReport,
        Roster,
        SearchResult,
        LintReport,
        ValidationReport,
        Schedule,
        CalendarYear,
    ):
        assert reporter_for(result.__new__(result), "text") is REPORTERS[(result, "text")], result
        assert hasattr(result, "as_dict"), result
    with pytest.raises(LookupError):
        reporter_for(object(), "pdf")


def test_the_rules_file_page_lists_the_lint_catalogue() -> None:
    from support import ROOT

    page = (ROOT / "docs" / "tep-quy-che.md").read_text(encoding="utf-8")
    for check in LINT_CHECKS.values():
        assert f"| `{check.code.value}` | {check.description} |" in page
