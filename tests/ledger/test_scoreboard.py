"""`quyche scoreboard` over three recorded quarters of real report folders: counts, days late, answers to a
đôn đốc, the views, and every format (text, JSON, CSV, XLSX, SVG, PNG)."""

from __future__ import annotations

import io
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from test_ledger import audit
from typer.testing import Result

from quyche_cli.ledger.charts import COLOURS
from support import Report, write_docx

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
SVG = "{http://www.w3.org/2000/svg}"


def quarter(tmp_path: Path, q: int, *sent: tuple[str, str, str]) -> Path:
    """The reports of quarter ``q`` of 2024: (issuer, symbol, date line) each."""
    folder = tmp_path / f"q{q}"
    folder.mkdir()
    for issuer, symbol, date_line in sent:
        period_line = f"Kết quả thực hiện nhiệm vụ quý {ROMAN[q]} năm 2024"
        write_docx(
            folder / f"{symbol}.docx",
            Report(issuer=issuer, symbol=symbol, date_line=date_line, period_line=period_line),
        )
    return folder


@pytest.fixture
def ledger(cli: Callable[..., Result], tmp_path: Path) -> Path:
    """Q1: Sở Y tế on time, Bảo hiểm xã hội 3 days late; Q2: Sở Y tế on time; Q3: Sở Y tế 6 days late, Bảo
    hiểm xã hội after the đôn đốc, by its new deadline (10/10/2024)."""
    db = tmp_path / "so.sqlite"
    syt = ("SỞ Y TẾ", "SYT")
    bhxh = ("BẢO HIỂM XÃ HỘI TỈNH", "BHXH")
    q1 = quarter(tmp_path, 1, (*syt, "ngày 20 tháng 3 năm 2024"), (*bhxh, "ngày 28 tháng 3 năm 2024"))
    q2 = quarter(tmp_path, 2, (*syt, "ngày 20 tháng 6 năm 2024"))
    q3 = quarter(tmp_path, 3, (*syt, "ngày 30 tháng 9 năm 2024"))
    for number, folder in ((1, q1), (2, q2), (3, q3)):
        out = tmp_path / f"q{number}.json"
        audit(cli, folder, db, "--format", "json", "--out", str(out), period=f"2024-Q{number}")
    cli("ledger", "followup", str(tmp_path / "q3.json"), "--deadline", "10/10/2024", "--db", str(db))
    write_docx(q3 / "BHXH.docx", Report(issuer=bhxh[0], symbol=bhxh[1], date_line="ngày 05 tháng 10 năm 2024"))
    audit(cli, q3, db, "--as-of", "2024-10-20")
    return db


def test_the_year_in_json(cli: Callable[..., Result], ledger: Path) -> None:
    result = cli("scoreboard", "--year", "2024", "--db", str(ledger), "--format", "json")
    assert result.exit_code == 0, result.output
    board = json.loads(result.stdout)
    assert board["periods"] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    totals = {s["member"]: s for s in board["totals"]}
    syt, bhxh = totals["syt"], totals["bhxh"]
    assert (syt["due"], syt["on_time"], syt["late"], syt["days_late"], syt["rate"]) == (3, 2, 1, 6, 0.6667)
    assert (bhxh["due"], bhxh["on_time"], bhxh["late"], bhxh["answered"], bhxh["missing"]) == (3, 0, 2, 1, 1)
    assert (bhxh["days_late"], bhxh["most_days_late"]) == (3 + 11, 11)  # 28/3 after 25/3; 05/10 after 24/09
    assert [s["member"] for s in board["totals"][:2]] == ["syt", "bhxh"]  # best rate first, then fewer missing
    quarters = board["views"]["quarter"]
    assert [b["label"] for b in quarters] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    halves = {b["label"]: {s["member"]: s for s in b["scores"]} for b in board["views"]["half"]}
    assert halves["2024-H1"]["syt"]["rate"] == 1.0 and halves["2024-H2"]["syt"]["rate"] == 0.0
    assert [b["label"] for b in board["views"]["year"]] == ["2024"]
    cells = {(c["member"], c["month"]): c["worst"] for c in board["months"]}
    assert cells[("syt", "2024-03")] == "on_time" and cells[("syt", "2024-09")] == "late"
    assert cells[("bhxh", "2024-09")] == "answered" and cells[("snv", "2024-06")] == "missing"


def test_text_by_quarter_and_a_range(cli: Callable[..., Result], ledger: Path) -> None:
    text = cli("scoreboard", "--from", "2024-Q2", "--to", "quý III/2024", "--by", "quarter", "--db", str(ledger)).stdout
    assert (
        "(2 kỳ đã ghi: 2024-Q2, 2024-Q3)" in " ".join(text.split()) and "Quý II/2024" in text and "Quý III/2024" in text
    )
    assert "Quý I/2024" not in text
    q2, q3 = text.split("Quý III/2024")
    rows = {line.split("  ")[0]: line.split("  ", 1)[1].split() for line in q2.splitlines() if "  " in line}
    bhxh = next(line for line in q3.splitlines() if line.startswith("Bảo hiểm xã hội"))
    assert bhxh.split()[4:] == ["1", "0", "1", "(11", "ngày,", "11)", "1", "0", "0", "0", "0%"]
    assert rows["Sở Y tế"][:5] == ["1", "1", "0", "0", "0"]
    bad = cli("scoreboard", "--year", "2024", "--from", "2024-Q1", "--db", str(ledger))
    assert bad.exit_code == 2 and "Chỉ dùng một trong hai" in bad.stderr


def test_spreadsheets(cli: Callable[..., Result], ledger: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "xep-hang.xlsx"
    result = cli("scoreboard", "--year", "2024", "--db", str(ledger), "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng quan", "Cả khoảng", "Theo quý", "Theo 6 tháng", "Theo năm"]
    values = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    quarters = list(book["Theo quý"].iter_rows(values_only=True))
    assert quarters[0][:3] == ("Kỳ", "Thành viên", "Phải nộp")
    assert ("2024-Q1", "Bảo hiểm xã hội tỉnh", 1, 0, 1, 3, 0, 0, 0, 0, 0) in quarters
    csv_text = cli("scoreboard", "--year", "2024", "--db", str(ledger), "--format", "csv").stdout
    assert csv_text.startswith("\ufeffKỳ,Thành viên,Phải nộp") and "2024,Sở Y tế,3,2,1,6,0,0,0,0,66.7" in csv_text


def test_charts(cli: Callable[..., Result], ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bars = ET.fromstring(cli("scoreboard", "--year", "2024", "--db", str(ledger), "--format", "svg").stdout)
    texts = [t.text for t in bars.iter(f"{SVG}text")]
    assert "Sở Y tế" in texts and "67% (2/3)" in texts
    assert {r.get("width") for r in bars.iter(f"{SVG}rect")} >= {"240", "0"}  # 2/3 of 360 px, and none on time
    heat = ET.fromstring(
        cli("scoreboard", "--year", "2024", "--db", str(ledger), "--format", "svg", "--chart", "heatmap").stdout
    )
    tips = [t.text for t in heat.iter(f"{SVG}title")]
    assert "2024-09: 1 nộp sau đôn đốc" in tips and "2024-09: 1 muộn" in tips
    png = tmp_path / "ty-le.png"
    made = cli("scoreboard", "--year", "2024", "--db", str(ledger), "--format", "png", "--out", str(png))
    assert made.exit_code == 0 and png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    from PIL import Image

    assert Image.open(io.BytesIO(png.read_bytes())).size[0] > 500
    heat_png = tmp_path / "han-theo-thang.png"
    args = ["scoreboard", "--year", "2024", "--db", str(ledger), "--format", "png", "--chart", "heatmap"]
    assert cli(*args, "--out", str(heat_png)).exit_code == 0
    image = Image.open(heat_png)
    image.load()  # a real PNG: decoded whole
    assert image.format == "PNG" and image.size[0] > 600 and image.size[1] > 300
    wanted = {name: tuple(int(COLOURS[name][i : i + 2], 16) for i in (1, 3, 5)) for name in COLOURS}

    def pixels(png: Image.Image) -> dict[str, int]:
        """How many pixels of each outcome's colour (the legend shows each once, small; the cells are larger)."""
        counts = {colour: n for n, colour in png.convert("RGB").getcolors(maxcolors=1 << 20)}
        return {name: counts.get(colour, 0) for name, colour in wanted.items()}

    year = pixels(image)
    first = tmp_path / "quy-1.png"
    args = ["scoreboard", "--from", "2024-Q1", "--to", "2024-Q1", "--db", str(ledger), "--format", "png"]
    assert cli(*args, "--chart", "heatmap", "--out", str(first)).exit_code == 0
    q1 = pixels(Image.open(first))
    legend = q1["answered"]  # nothing was answered after a đôn đốc in Q1: only the legend's patch
    assert legend > 0 and q1["not_due"] == legend == year["not_due"]  # nothing is "not due" in this ledger
    # the year's map has a cell answered (Bảo hiểm xã hội, September) and more late and on-time cells than Q1's
    assert year["answered"] > legend and year["late"] > q1["late"] > legend and year["on_time"] > q1["on_time"]
    assert q1["missing"] > legend and q1["on_time"] > legend  # Q1: 20 members missing, Sở Y tế on time
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if the extra were not installed
    missing = cli(
        "scoreboard", "--year", "2024", "--db", str(ledger), "--format", "png", "--out", str(tmp_path / "x.png")
    )
    assert missing.exit_code == 2 and "pip install 'quyche[charts]'" in missing.stderr
    assert not (tmp_path / "x.png").exists()


def test_no_ledger_yet(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("scoreboard", "--db", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 2 and "Chưa có sổ theo dõi" in result.stderr


def test_the_site_dashboard(cli: Callable[..., Result], ledger: Path, tmp_path: Path) -> None:
    import html5lib

    out = tmp_path / "web"
    made = cli("site", "--out", str(out), "--db", str(ledger), "--as-of", "2026-12-04")
    assert made.exit_code == 0, made.output
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)  # raises on an HTML5 parse error
    page = parser.parse((out / "bang-xep-hang.html").read_text(encoding="utf-8"))
    text = " ".join("".join(page.itertext()).split())
    assert "các kỳ từ 01/01/2024 đến 31/12/2024 (3 kỳ đã ghi: 2024-Q1, 2024-Q2, 2024-Q3)" in text
    assert "Quý III/2024" in text and "6 tháng đầu năm 2024" in text and "Năm 2024" in text
    rows = [" ".join("".join(tr.itertext()).split()) for tr in page.iter("tr")]
    assert "Sở Y tế 3 2 1 (6 ngày) 0 0 0 0 67%" in rows
    assert len(list(page.iter("{http://www.w3.org/2000/svg}svg"))) == 2
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="bang-xep-hang.html"' in home
    missing = cli("site", "--out", str(tmp_path / "web2"), "--db", str(tmp_path / "none.sqlite"))
    assert missing.exit_code == 2 and "Chưa có sổ theo dõi" in missing.stderr


def test_a_workspace_board_covers_every_committee(cli: Callable[..., Result], tmp_path: Path) -> None:
    """In tests/data/workspace, Q4/2025 of each committee recorded (the committee told by the reports' titles):
    the scoreboard covers both, a column naming each row's committee; --committee takes an id, a name or a
    short name, as every command does."""
    import shutil

    from openpyxl import load_workbook

    from support import DATA

    workspace = tmp_path / "tinh"
    shutil.copytree(DATA / "workspace", workspace)
    reform = tmp_path / "cai-cach"
    food = tmp_path / "an-toan-thuc-pham"
    for folder, issuer, symbol, day, subject in (
        (reform, "SỞ Y TẾ", "SYT", 22, "cải cách hành chính, chuyển đổi số"),
        (food, "SỞ TÀI CHÍNH", "STC", 19, "bảo đảm an toàn thực phẩm"),
    ):
        folder.mkdir()
        write_docx(
            folder / f"{symbol}.docx",
            Report(
                issuer=issuer,
                symbol=symbol,
                date_line=f"Bắc Ninh, ngày {day} tháng 12 năm 2025",
                period_line=f"Kết quả {subject} quý IV năm 2025",
            ),
        )
        done = cli("-C", str(workspace), "check-reports", str(folder), "--period", "2025-Q4", "--record")
        assert done.exit_code == 1 and "Đã ghi kỳ 2025-Q4 của ban" in done.stderr, done.output
    assert (workspace / "quyche-ledger.sqlite").is_file()  # the workspace's ledger, in its folder
    board = cli("-C", str(workspace), "scoreboard", "--year", "2025", "--format", "json")
    totals = {(s["committee"], s["member"]): s for s in json.loads(board.stdout)["totals"]}
    assert {committee for committee, _ in totals} == {"an-toan-thuc-pham", "quyche"}
    assert totals[("quyche", "syt")]["on_time"] == 1 and totals[("an-toan-thuc-pham", "stc")]["on_time"] == 1
    assert totals[("an-toan-thuc-pham", "sct")]["missing"] == 1
    text = cli("-C", str(workspace), "scoreboard", "--year", "2025", env={"COLUMNS": "160"}).stdout
    header = next(line for line in text.splitlines() if "Thành viên" in line)
    assert header.split()[:2] == ["Ban", "Thành"]
    rows = [line.split()[0] for line in text.splitlines() if line.startswith(("quyche ", "an-toan-thuc-pham "))]
    assert set(rows) == {"quyche", "an-toan-thuc-pham"}
    out = tmp_path / "xep-hang.xlsx"
    cli("-C", str(workspace), "scoreboard", "--year", "2025", "--format", "xlsx", "--out", str(out))
    year = list(load_workbook(out)["Theo năm"].iter_rows(values_only=True))
    assert year[0][:3] == ("Kỳ", "Ban", "Thành viên") and {row[1] for row in year[1:]} == {
        "quyche",
        "an-toan-thuc-pham",
    }
    for named in ("an-toan-thuc-pham", "Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh", "Ban Chỉ đạo liên ngành"):
        one = cli("-C", str(workspace), "scoreboard", "--year", "2025", "--committee", named, "--format", "json")
        assert {s["committee"] for s in json.loads(one.stdout)["totals"]} == {"an-toan-thuc-pham"}, named
