"""Digital signatures in PDF reports (issue 24), made in the test with a test CA and read with pyHanko: signer,
organisation, claimed time, timestamp token, changes after signing, coverage, the chain against --trust-roots;
a signer of another body needs review; without pyHanko the audit still runs and says what it could not read."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from support import FONT, RULES_FILE, Report, TestCA, change_after_signing, write_pdf, write_rules

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans.ttf (fonts-dejavu-core) is not installed")
VN = dt.timezone(dt.timedelta(hours=7))


def report(day: int, issuer: str = "SỞ Y TẾ", symbol: str = "SYT") -> Report:
    return Report(
        issuer=issuer,
        symbol=symbol,
        date_line=f"Bắc Ninh, ngày {day} tháng 12 năm 2026",
        period_line="Báo cáo quý IV năm 2026",
    )


def audit(cli: Callable[..., Result], folder: Path, *args: str) -> tuple[dict[str, Any], dict[str, Any]]:
    result = cli(
        "check-reports", str(folder), "--period", "2026-Q4", "--as-of", "2027-01-15", "--format", "json", *args
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    return {m["member"]: m for m in data["members"]}, {f["file"]: f for f in data["files"]}


@pytest.fixture
def ca(tmp_path: Path) -> TestCA:
    (tmp_path / "ca").mkdir()
    return TestCA(tmp_path / "ca")


def test_a_timestamp_after_the_deadline_makes_a_report_late(
    cli: Callable[..., Result], tmp_path: Path, ca: TestCA
) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    signer = ca.issue("Nguyễn Văn An", "Sở Y tế")
    # The signer's clock says 23/12; the timestamp authority says 25/12 01:00 Vietnam time.
    ca.sign(
        write_pdf(folder / "syt.pdf", report(20)),
        signer,
        dt.datetime(2026, 12, 23, 16, 0, tzinfo=VN),
        timestamp=dt.datetime(2026, 12, 24, 18, 0, tzinfo=dt.timezone.utc),
    )
    # Signed before the deadline: that proves nothing about sending; the date line stays the evidence.
    ca.sign(write_pdf(folder / "stc.pdf", report(21, "SỞ TÀI CHÍNH", "STC")), ca.issue("Hà Thu", "Sở Tài chính"),
            dt.datetime(2026, 12, 22, 9, 0, tzinfo=VN))  # fmt: skip
    members, files = audit(cli, folder)
    assert (members["syt"]["status"], members["syt"]["submitted"]) == ("late", "2026-12-25")
    assert members["syt"]["evidence"] == "dấu thời gian của chữ ký số (sau hạn)"
    signature = files["syt.pdf"]["signatures"][0]
    assert signature["timestamp"].startswith("2026-12-25 01:00") and signature["signed_at"].startswith("2026-12-23")
    assert (members["stc"]["status"], members["stc"]["evidence"]) == ("on_time", "ngày trên văn bản")
    assert any("ký số bởi Hà Thu (Sở Tài chính)" in line for line in members["stc"]["evidence_used"])


def test_changes_after_signing_and_the_chain(cli: Callable[..., Result], tmp_path: Path, ca: TestCA) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    signed = ca.sign(write_pdf(folder / "syt.pdf", report(20)), ca.issue("Nguyễn Văn An", "Sở Y tế"),
                     dt.datetime(2026, 12, 20, 9, 0, tzinfo=VN))  # fmt: skip
    change_after_signing(signed)
    members, files = audit(cli, folder, "--trust-roots", str(ca.root))
    signature = files["syt.pdf"]["signatures"][0]
    assert signature["changed_after"] == "nội dung bị thay đổi sau khi ký" and signature["whole_file"] is False
    assert signature["trusted"] is True and signature["chain"] == "chuỗi chứng thư hợp lệ theo --trust-roots"
    assert "thu hồi" in signature["revocation"]  # a trusted chain says nothing of revocation: never checked
    assert any("sửa sau khi ký: nội dung bị thay đổi" in line for line in members["syt"]["evidence_used"])
    other = TestCA(tmp_path)
    members, files = audit(cli, folder, "--trust-roots", str(other.root))
    assert files["syt.pdf"]["signatures"][0]["trusted"] is False
    bad = tmp_path / "not-a-cert.pem"
    bad.write_text("hello", encoding="utf-8")
    result = cli("check-reports", str(folder), "--period", "2026-Q4", "--trust-roots", str(bad))
    assert result.exit_code == 2 and "không đọc được" in result.stderr and "Traceback" not in result.output
    result = cli("check-reports", str(folder), "--period", "2026-Q4", "--trust-roots", str(tmp_path / "none.pem"))
    assert result.exit_code == 2 and "Không có tệp chứng thư gốc" in result.stderr


def test_a_signer_of_another_body_needs_review(cli: Callable[..., Result], tmp_path: Path, ca: TestCA) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    ca.sign(write_pdf(folder / "syt.pdf", report(20)), ca.issue("Phạm Bình", "Sở Tài chính"),
            dt.datetime(2026, 12, 20, 9, 0, tzinfo=VN))  # fmt: skip
    members, files = audit(cli, folder)
    assert members["syt"]["status"] == "needs_review"
    assert "người ký số thuộc 'Sở Tài chính'" in members["syt"]["reason"]


def test_without_pyhanko_the_audit_runs_and_says_so(
    cli: Callable[..., Result], tmp_path: Path, ca: TestCA, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    ca.sign(write_pdf(folder / "syt.pdf", report(20)), ca.issue("Nguyễn Văn An", "Sở Y tế"),
            dt.datetime(2026, 12, 26, 9, 0, tzinfo=VN))  # fmt: skip
    for name in [m for m in sys.modules if m.split(".")[0] == "pyhanko"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyhanko", None)  # as if the extra were not installed
    members, files = audit(cli, folder)
    assert files["syt.pdf"]["signatures"] == []
    assert any("chưa kiểm tra chữ ký số: cần cài thêm gói 'signatures'" in n for n in files["syt.pdf"]["notes"])
    assert members["syt"]["status"] == "on_time"  # the date line, as far as can be read
    text = cli("check-reports", str(folder), "--period", "2026-Q4", "--as-of", "2027-01-15")
    assert "chưa kiểm tra chữ ký số" in " ".join(text.stdout.split())


def test_an_unsigned_pdf_is_a_note_where_reports_must_be_signed(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "q4"
    folder.mkdir()
    write_pdf(folder / "syt.pdf", report(20))
    text = RULES_FILE.read_text(encoding="utf-8")
    rules = write_rules(
        tmp_path, text.replace("\nreporting:\n", "\nreporting:\n  signed_reports: true\n", 1), "ky-so.yaml"
    )
    expected = "PDF không có chữ ký số, trong khi quy chế yêu cầu báo cáo ký số"
    members, files = audit(cli, folder, "--file", str(rules))
    assert expected in files["syt.pdf"]["notes"] and members["syt"]["status"] == "on_time"
    members, files = audit(cli, folder)
    assert expected not in files["syt.pdf"]["notes"]


def test_certificates_of_the_same_name_in_other_files_do_not_multiply_the_work(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six PDFs signed under six authorities of the same name (as a CA's generations are): each signature is
    checked with only its own certificates. A validation context shared across files remembered every one, and
    the paths it tried grew as the factorial of the authorities (the suite ran for minutes on one test)."""
    from pyhanko_certvalidator.registry import SimpleTrustManager

    folder = tmp_path / "q4"
    folder.mkdir()
    for number in range(6):
        authority = TestCA(tmp_path)  # a new authority each time, all named "CA thử nghiệm"
        ca_signed = write_pdf(folder / f"syt-{number}.pdf", report(20))
        authority.sign(ca_signed, authority.issue("Nguyễn Văn An", "Sở Y tế"), dt.datetime(2026, 12, 20, 9, tzinfo=VN))
    looked_up = 0
    find = SimpleTrustManager.find_potential_issuers

    def counted(self: Any, cert: Any) -> Any:
        nonlocal looked_up
        looked_up += 1
        return find(self, cert)

    monkeypatch.setattr(SimpleTrustManager, "find_potential_issuers", counted)
    result = cli("check-reports", str(folder), "--period", "2026-Q4", "--as-of", "2027-01-15", "--format", "json")
    files = json.loads(result.stdout)["files"]
    assert [len(f["signatures"]) for f in files] == [1] * 6
    assert looked_up <= 6 * 4
