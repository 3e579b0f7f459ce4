"""The secretary's section of docs/thu-ky.md (linked from the README), run as written, on a workspace made
from the bundled regulation (`quyche init`, as the section says), on the bundled regulation alone (its
agencies in it) and on the two-committee workspace of tests/data/workspace: focal points declared as the
section shows, four quarters of real report folders
recorded, a đôn đốc and a giải trình, the next audit saying who answered in time, the year's scoreboard as a
spreadsheet and charts (SVG and PNG), and a round of reminders sent to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import re
import shlex
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_remind import Mailbox, smtp  # noqa: F401 (the fixture)
from typer.testing import CliRunner, Result

from quyche_cli.cli.app import app
from support import DATA, ROOT, Report, write_docx

PAGE = (ROOT / "docs" / "thu-ky.md").read_text(encoding="utf-8")  # the secretary's page
SECTION = PAGE[PAGE.index("## Theo dõi qua các kỳ") : PAGE.index("\n## ", PAGE.index("## Theo dõi qua các kỳ") + 1)]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
SYT = ("SỞ Y TẾ", "SYT")
SGDDT = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT")
CAT = ("CÔNG AN TỈNH", "CAT")
# Who sends what (the Bắc Ninh regulation's deadline: before the 25th of the quarter's last month, so 24/03,
# 24/06, 24/09 and 24/12/2025): Sở Công Thương never reports.
SENT = {
    1: [(SYT, "20 tháng 3"), (SGDDT, "21 tháng 3"), (CAT, "18 tháng 3")],
    2: [(SYT, "20 tháng 6"), (SGDDT, "27 tháng 6"), (CAT, "23 tháng 6")],
    3: [(CAT, "22 tháng 9")],
    4: [(SYT, "22 tháng 12"), (SGDDT, "23 tháng 12"), (CAT, "19 tháng 12")],
}
# After the đôn đốc (new deadline 10/10/2025): Sở Giáo dục và Đào tạo answers in time, Sở Y tế after it.
ANSWERS = [(SGDDT, "06 tháng 10"), (SYT, "15 tháng 10")]


def blocks(kind: str) -> list[list[str]]:
    """The lines of each ```KIND block of the section, in order."""
    return [block.splitlines() for block in re.findall(rf"```{kind}\n(.*?)```", SECTION, flags=re.S)]


def report(folder: Path, quarter: int, sender: tuple[str, str], day: str) -> None:
    """A real report (.docx with the official header) of ``quarter`` of 2025 from ``sender``."""
    folder.mkdir(parents=True, exist_ok=True)
    write_docx(
        folder / f"{sender[1]}.docx",
        Report(
            issuer=sender[0],
            symbol=sender[1],
            date_line=f"Bắc Ninh, ngày {day} năm 2025",
            period_line=f"Kết quả thực hiện nhiệm vụ cải cách hành chính, chuyển đổi số quý {ROMAN[quarter]} năm 2025",
        ),
    )


def with_contacts(registry: Path) -> None:
    """The section's ``contacts`` put into the registry's agency, as a secretary would edit the file."""
    lines = blocks("yaml")[0]
    agency = lines[0]  # "  - id: sct"
    contacts = lines[lines.index("    contacts:") :]
    text = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    start = text.index(agency + "\n")
    end = next(i for i in range(start + 1, len(text)) if text[i].startswith("    head: "))
    text[end + 1 : end + 1] = [line + "\n" for line in contacts]
    registry.write_text("".join(text), encoding="utf-8")


def run(line: str, env: dict[str, str]) -> Result:
    argv = shlex.split(line)
    assert argv[0] == "quyche"
    result = CliRunner().invoke(app, argv[1:], env=env, catch_exceptions=False)
    assert result.exit_code in (0, 1) and "Lỗi không mong đợi" not in result.output, f"$ {line}\n{result.output}"
    return result


@pytest.mark.parametrize("where", ["init", "bundled file", "workspace"])
def test_the_secretary_section(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    smtp: tuple[Mailbox, int],  # noqa: F811
    where: str,
) -> None:
    box, port = smtp
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUYCHE_FILE", raising=False)
    monkeypatch.delenv("QUYCHE_WORKSPACE", raising=False)
    env = {"COLUMNS": "100", "QUYCHE_SMTP_STARTTLS": "false", "QUYCHE_SMTP_PASSWORD": "s3cret"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/thu-ky.md#theo-dõi-qua-các-kỳ-sổ-theo-dõi-bảng-xếp-hạng-đôn-đốc-và-nhắc-hạn)" in readme
    setup, *steps = blocks("sh")
    assert setup == ["quyche init tinh", "cd tinh"]
    if where == "init":  # a workspace made from the bundled regulation, as the section's first block does
        run(setup[0], env)
    else:  # a folder that exists already: the section says to skip its first block
        (tmp_path / "tinh").mkdir()
    if where == "bundled file":  # the bundled regulation alone, its agencies in it
        shutil.copy(ROOT / "quyche.yaml", tmp_path / "tinh" / "quyche.yaml")
    if where == "workspace":  # the two-committee workspace
        shutil.copytree(DATA / "workspace", tmp_path / "tinh", dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path / setup[1].split()[1])
    workspace = Path.cwd()
    with_contacts(workspace / ("quyche.yaml" if where == "bundled file" else "to-chuc.yaml"))
    for quarter, sent in SENT.items():
        (workspace / "bao-cao" / f"2025-Q{quarter}").mkdir(parents=True)
        for sender, day in sent:
            report(workspace / "bao-cao" / f"2025-Q{quarter}", quarter, sender, day)

    printed: dict[str, str] = {}
    for line in [line for block in steps for line in block]:
        if line.startswith("export "):
            env.update(dict(part.split("=", 1) for part in shlex.split(line)[1:]))
            env.update(
                {"QUYCHE_SMTP_HOST": "127.0.0.1", "QUYCHE_SMTP_PORT": str(port), "QUYCHE_SMTP_USER": "secretary"}
            )
            continue
        if "--as-of 2025-10-20" in line:  # the answers to the đôn đốc have come in meanwhile
            for sender, day in ANSWERS:
                report(workspace / "bao-cao" / "2025-Q3", 3, sender, day)
        printed[line] = run(line, env).output

    ledger = workspace / "quyche-ledger.sqlite"
    with sqlite3.connect(ledger) as db:
        assert db.execute("SELECT DISTINCT committee FROM periods").fetchall() == [("quyche",)]
        q3 = dict(db.execute("SELECT member, status FROM verdicts WHERE period = '2025-Q3'").fetchall())
    assert (q3["sgddt"], q3["syt"], q3["cat"], q3["sct"]) == ("late", "late", "on_time", "missing")
    again = " ".join(next(out for line, out in printed.items() if "--as-of 2025-10-20" in line).split())
    assert "Nộp sau đôn đốc: đúng hạn mới 10/10/2025." in again  # who answered the đôn đốc in time
    assert "Đã đôn đốc (hạn mới 10/10/2025) nhưng nộp sau hạn mới." in again  # who answered after it
    assert "Đã đôn đốc (hạn mới 10/10/2025): vẫn chưa nộp." in again  # who did not answer
    assert "Giải trình (08/10/2025: Công văn 17/SYT: chờ số liệu của các bệnh viện)." in again
    recheck = next(line for line in printed if "--as-of 2025-10-20" in line)
    audit = run(f"{recheck} --format json", env)  # the same audit as JSON: each member's note
    notes = {m["member"]: m["note"] for m in json.loads(audit.stdout)["members"]}
    assert "Nộp sau đôn đốc: đúng hạn mới 10/10/2025." in notes["sgddt"]
    assert "nhưng nộp sau hạn mới" in notes["syt"] and "Giải trình (08/10/2025" in notes["syt"]
    assert "vẫn chưa nộp" in notes["sct"] and "đôn đốc" not in notes["cat"]
    board = " ".join(printed["quyche scoreboard --year 2025"].split())
    assert "(4 kỳ đã ghi: 2025-Q1, 2025-Q2, 2025-Q3, 2025-Q4)" in board

    from openpyxl import load_workbook

    book = load_workbook(workspace / "xep-hang-2025.xlsx")
    assert book.sheetnames == ["Tổng quan", "Cả khoảng", "Theo quý", "Theo 6 tháng", "Theo năm"]
    year = {row[1]: row for row in book["Theo năm"].iter_rows(min_row=2, values_only=True)}
    # due, on time, late, days late, answered after the đôn đốc, missing, to review, explained, rate (%)
    assert year["Sở Giáo dục và Đào tạo"][2:] == (4, 2, 2, 3 + 12, 1, 0, 0, 0, 50.0)
    assert year["Sở Y tế"][2:] == (4, 3, 1, 21, 0, 0, 0, 1, 75.0)
    assert year["Công an tỉnh"][2:] == (4, 4, 0, 0, 0, 0, 0, 0, 100.0)
    assert year["Sở Công Thương"][2:] == (4, 0, 0, 0, 0, 4, 0, 0, 0.0)
    quarters = {(row[0], row[1]): row for row in book["Theo quý"].iter_rows(min_row=2, values_only=True)}
    assert quarters[("2025-Q3", "Sở Giáo dục và Đào tạo")][6] == 1  # answered in Q3
    assert (workspace / "xep-hang-2025.csv").read_text(encoding="utf-8-sig").startswith("Kỳ,Thành viên")

    svg = "{http://www.w3.org/2000/svg}"
    bars = ET.parse(workspace / "ty-le-dung-han-2025.svg").getroot()
    assert "75% (3/4)" in [t.text for t in bars.iter(f"{svg}text")]
    heat = ET.parse(workspace / "han-theo-thang-2025.svg").getroot()
    assert "2025-09: 1 nộp sau đôn đốc" in [t.text for t in heat.iter(f"{svg}title")]
    from PIL import Image

    for name in ("ty-le-dung-han-2025.png", "han-theo-thang-2025.png"):
        image = Image.open(workspace / name)
        image.load()
        assert image.format == "PNG" and image.size[0] > 500 and len(image.convert("RGB").getcolors(1 << 20)) > 10

    dry = next(out for line, out in printed.items() if line.endswith("--send --dry-run"))
    assert dry.count("Sẽ gửi tới") == 1 and "Sẽ gửi tới Vũ Thị Mai <mai.vt@sct.tinh.example>" in dry
    assert [to for _, to, _ in box.messages] == [["mai.vt@sct.tinh.example"]]  # the round sent, once
    sent = email.message_from_bytes(box.messages[0][2], policy=email.policy.default)
    text = sent.get_body().get_content()  # type: ignore[union-attr]
    assert sent["Subject"] == "Nhắc hạn: Sở Công Thương: 4 báo cáo quá hạn" and sent["From"] == env["QUYCHE_SMTP_FROM"]
    assert "Ban Chỉ đạo Cải cách hành chính, Chuyển đổi số và Đề án 06 tỉnh Bắc Ninh [quyche]" in text
    assert "- Báo cáo kỳ 2025-Q3: hạn 24/09/2025, quá " in text
    assert "chưa nộp; đã đôn đốc, hạn mới 10/10/2025 cũng đã qua." in text and "Báo cáo kỳ 2025-Q4" in text
