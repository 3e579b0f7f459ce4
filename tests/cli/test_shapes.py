"""Every command on every shape of committee: the bundled provincial regulation and each file in tests/data/
(a provincial data team, a national steering committee with sub-committees, a commune's working group).

What is expected is derived from each rules file itself (its seats, reporters, streams and periods), so that a
new shape dropped into tests/data/ is tested the same way."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from comment_letters import write_letter_docx
from quyche_cli import clock
from quyche_cli.cli.views.schedule import RECEIVED_VI
from quyche_cli.documents.data import example_period
from quyche_cli.rules.index import UNTRANSCRIBED_NOTICE, Rules
from quyche_cli.rules.organisation import Organisation
from quyche_cli.rules.validation import load_rules
from quyche_cli.schedule.deadlines import CYCLE_KIND, Planner
from support import DATA, RULES_FILE

SHAPES = [RULES_FILE, *sorted(DATA.glob("*.yaml"))]


@pytest.fixture(params=SHAPES, ids=lambda path: path.stem)
def shape(request: pytest.FixtureRequest) -> Path:
    return Path(request.param)


def as_json(result: Result) -> dict:  # type: ignore[type-arg]
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def first_day(rules: Rules) -> dt.date:
    """A day the regulation applies on: its validity, its instrument's date, else its earliest recorded date."""
    doc = rules.model.document
    recorded = rules.first_recorded
    day = doc.valid_from or doc.issuing_instrument.date or (recorded[0] if recorded else None)
    assert day is not None
    return day


def test_validate_and_lint(cli: Callable[..., Result], shape: Path) -> None:
    assert cli("validate", str(shape)).exit_code == 0
    rules = load_rules(shape)
    result = cli("lint", "--file", str(shape), "--format", "json")
    assert result.exit_code == 0
    marked = sorted(p.id for p in rules.provisions if p.untranscribed)
    found = sorted(f["ref"] for f in as_json(result)["findings"] if f["code"] == "untranscribed")
    assert len(found) == len(marked)


def test_every_seat_is_reachable_by_id_title_symbol_and_alias(cli: Callable[..., Result], shape: Path) -> None:
    rules = load_rules(shape)
    for member in rules.model.members:
        names = [member.id, member.title, *member.aliases, *([member.symbol] if member.symbol else [])]
        for typed in names:
            result = cli("duties", typed, "--file", str(shape), "--format", "json")
            assert result.exit_code == 0, (typed, result.stderr)
            assert as_json(result)["member"]["id"] == member.id, typed


def test_an_agency_holding_several_seats_lists_them_by_ids_that_resolve(
    cli: Callable[..., Result], shape: Path
) -> None:
    rules = load_rules(shape)
    for agency in rules.model.agencies:
        seats = rules.members_of(agency.id)
        if len(seats) < 2:
            continue
        result = cli("duties", agency.name, "--file", str(shape))
        assert result.exit_code == 1
        for seat in seats:
            assert f"({seat.id})" in result.stderr and seat.title in result.stderr
            assert cli("duties", seat.id, "--file", str(shape)).exit_code == 0


def test_members_on_a_day_are_the_seats_set_up_by_then(cli: Callable[..., Result], shape: Path) -> None:
    rules = load_rules(shape)
    days = [first_day(rules), *(m.valid_from for m in rules.model.members if m.valid_from)]
    for day in days:
        result = cli("members", "--file", str(shape), "--as-of", f"{day:%Y-%m-%d}", "--format", "json")
        assert result.exit_code == 0
        rows = {row["id"]: row for row in as_json(result)["members"]}
        for member in rules.model.members:
            assert (member.id in rows) == member.seated_on(day), (member.id, day)
            if member.id in rows:
                assert rows[member.id]["role_label"] == rules.role_label(member.role)
        assert cli("members", "--file", str(shape), "--as-of", f"{day:%Y-%m-%d}").exit_code == 0


def _reporting_cases(rules: Rules) -> list[tuple[str, dt.date]]:
    """Each periodic stream with a members' report, and a day some weeks into the regulation's life."""
    planner = Planner(rules)
    day = first_day(rules) + dt.timedelta(days=40)
    return [(stream.id, day) for stream in planner.report_streams() if CYCLE_KIND[stream.cycle]]


def test_deadlines_reach_every_reporter_with_or_without_an_agency(cli: Callable[..., Result], shape: Path) -> None:
    rules = load_rules(shape)
    cases = _reporting_cases(rules)
    assert cases
    for stream_id, day in cases:
        stream = Planner(rules).stream_named(stream_id)
        reporters = Organisation(rules, day).reporters(stream=stream)
        assert reporters
        for unit in reporters:
            args = ["--member", unit, "--stream", stream_id, "--as-of", f"{day:%Y-%m-%d}", "--format", "json"]
            result = cli("deadlines", "--file", str(shape), *args)
            assert result.exit_code == 0, result.stderr
            steps = [o for o in as_json(result)["obligations"] if o["stream"] == stream_id]
            assert any(o["actor"] is None and o["date"] for o in steps), (unit, stream_id)


def test_a_seat_that_receives_reports_lists_them_with_who_sends(cli: Callable[..., Result], shape: Path) -> None:
    """`deadlines --member SEAT` for every seat a step sends to: the reports it receives, marked as received,
    with who sends them on the day (every reporter of a members' report, else the acting seat) and when."""
    rules = load_rules(shape)
    for stream_id, day in _reporting_cases(rules):
        stream = Planner(rules).stream_named(stream_id)
        organisation = Organisation(rules, day)
        for step in stream.steps:
            for seat in (r for r in step.recipients if organisation.seated(r)):
                args = ["--member", seat, "--stream", stream_id, "--as-of", f"{day:%Y-%m-%d}"]
                found = as_json(cli("deadlines", "--file", str(shape), *args, "--format", "json"))
                received = [r for r in found["received"] if r["step"] == step.id]
                assert received, (seat, step.id)
                if step.actor == "reporters":
                    senders = organisation.reporters(step.recipients, stream)
                    assert received[0]["senders"] == [organisation.name_of(u) for u in senders]
                else:
                    assert organisation.name_of(step.actor) in received[0]["senders"][0]
                assert not [o for o in found["obligations"] if o["step"] == step.id], "a receiver does not send it"
                text = " ".join(cli("deadlines", "--file", str(shape), *args).stdout.split())
                assert f"{RECEIVED_VI} {received[0]['senders'][0]}" in text
                dated = [r for r in received if r["date"]]
                if dated:  # from its own day, it is the next report the seat receives
                    when = ["--as-of", dated[0]["date"], "--upcoming", "1", "--format", "json"]
                    upcoming = cli("deadlines", "--file", str(shape), "--member", seat, "--stream", stream_id, *when)
                    assert [r["date"] for r in as_json(upcoming)["received"]] == [dated[0]["date"]]


def test_a_workspace_regulation_lists_what_its_seats_receive_as_the_single_file_does(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """tests/data/workspace/: the same regulation read with the province's registry gives the same receipts,
    and its reminder names where reports go and who signs as the files say."""
    from docx import Document

    workspace = str(DATA / "workspace" / "quyche.yaml")
    args = ["deadlines", "--member", "Sở Khoa học và Công nghệ", "--period", "2026-Q4", "--format", "json"]
    alone = as_json(cli(*args, "--file", str(RULES_FILE)))["received"]
    assert alone and alone == as_json(cli(*args, "--file", workspace))["received"]
    assert {r["step"] for r in alone} == {"member_report"} and "Sở Y tế" in alone[0]["senders"]
    folder = tmp_path / "nhan"
    folder.mkdir()
    late = ["--period", "2026-Q4", "--as-of", "2026-12-28", "--format", "json"]
    (tmp_path / "audit.json").write_text(cli("check-reports", str(folder), "--file", workspace, *late).stdout)
    out = tmp_path / "don-doc.docx"
    result = cli(
        "render", "don-doc", "--file", workspace, "--from-audit", str(tmp_path / "audit.json"), "--out", str(out)
    )
    assert result.exit_code == 0, result.stderr
    document = Document(str(out))
    text = " ".join(p.text for p in document.paragraphs)
    assert "về Cơ quan thường trực Ban Chỉ đạo (Sở Khoa học và Công nghệ) chậm nhất hết ngày 24/12/2026" in text
    assert [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs][:2] == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]


def test_reports_rendered_by_quyche_pass_its_own_audit(cli: Callable[..., Result], shape: Path, tmp_path: Path) -> None:
    rules = load_rules(shape)
    planner = Planner(rules)
    for stream_id, day in _reporting_cases(rules):
        stream = planner.stream_named(stream_id)
        period = planner.period_of(stream, day)
        assert period is not None
        due = planner.report_deadline(period, stream)
        assert due is not None and due.date is not None
        reporters = Organisation(rules, period.end).reporters(stream=stream)
        folder = tmp_path / stream_id
        folder.mkdir()
        data = tmp_path / f"{stream_id}.yaml"
        data.write_text(f"number: '12'\ndate: {due.date:%Y-%m-%d}\nsigner: Lê Văn Dũng\n", encoding="utf-8")
        for unit in reporters:
            args = ["--member", unit, "--period", period.label, "--stream", stream_id, "--data", str(data)]
            result = cli("render", "bao-cao", "--file", str(shape), *args, "--out", str(folder / f"{unit}.docx"))
            assert result.exit_code == 0, (unit, result.stderr)
        after = f"{due.date + dt.timedelta(days=1):%Y-%m-%d}"
        audit = cli("check-reports", str(folder), "--file", str(shape), "--stream", stream_id, "--as-of", after)
        assert audit.exit_code == 0, audit.stdout
        result = cli(
            "check-reports",
            str(folder),
            "--file",
            str(shape),
            "--stream",
            stream_id,
            "--as-of",
            after,
            "--format",
            "json",
        )
        found = as_json(result)
        assert found["period"] == period.label and "tiêu đề" in found["period_source"]
        assert {m["member"]: m["status"] for m in found["members"]} == {unit: "on_time" for unit in reporters}

        # One report missing: the reminder names who has not reported, the sub-committees included.
        missing = reporters[-1]
        (folder / f"{missing}.docx").unlink()
        late = f"{due.date + dt.timedelta(days=3):%Y-%m-%d}"
        args = ["--stream", stream_id, "--period", period.label, "--as-of", late, "--format", "json"]
        report = cli("check-reports", str(folder), "--file", str(shape), *args)
        assert report.exit_code == 1
        (tmp_path / "audit.json").write_text(report.stdout, encoding="utf-8")
        reminder = tmp_path / f"don-doc-{stream_id}.docx"
        (tmp_path / "dd.yaml").write_text(f"number: '13'\ndate: {late}\nsigner: Lê Văn Dũng\n", encoding="utf-8")
        result = cli(
            "render", "don-doc", "--file", str(shape), "--from-audit", str(tmp_path / "audit.json"),
            "--data", str(tmp_path / "dd.yaml"), "--out", str(reminder),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        from docx import Document

        text = "\n".join(p.text for p in Document(str(reminder)).paragraphs)
        organisation = Organisation(rules, period.end)
        assert organisation.name_of(missing) in text
        # Where the reports go, in the file's words: the step's label, each receiving body of the day.
        step = next(s for s in stream.steps if s.actor == "reporters")
        sentence = next(line for line in text.splitlines() if "có trách nhiệm gửi báo cáo" in line)
        assert step.recipient_label is None or f"về {step.recipient_label}" in sentence
        assert all(f"{organisation.addressee(r)}" in sentence for r in step.recipients), sentence
        if "Cơ quan thường trực" not in shape.read_text(encoding="utf-8"):
            assert "Cơ quan thường trực" not in text
        if "Ban Chỉ đạo" not in shape.read_text(encoding="utf-8"):
            assert "Ban Chỉ đạo" not in text


def test_show_search_and_the_untranscribed_marker(cli: Callable[..., Result], shape: Path) -> None:
    rules = load_rules(shape)
    for provision in rules.provisions:
        if provision.kind not in ("article", "document"):
            continue
        result = cli("show", provision.id, "--file", str(shape))
        assert result.exit_code == 0
        for node in provision.walk():
            if node.untranscribed:
                assert UNTRANSCRIBED_NOTICE in result.stdout and node.untranscribed not in result.stdout
    some = next(p for p in rules.provisions if p.kind in ("clause", "paragraph", "point") and p.text)
    words = " ".join(some.text.split()[:4]) if some.text else ""
    result = cli("search", words, "--file", str(shape), "--format", "json")
    assert result.exit_code == 0
    assert some.id in json.dumps(as_json(result))


def test_calendar_and_ics(cli: Callable[..., Result], shape: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    rules = load_rules(shape)
    year = (first_day(rules) + dt.timedelta(days=40)).year
    assert cli("calendar", str(year), "--file", str(shape)).exit_code == 0
    out = tmp_path / "han.ics"
    result = cli("deadlines", "--file", str(shape), "--year", str(year), "--format", "ics", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert events and all(e["DTSTART"].dt.year in (year, year + 1) for e in events)  # December's fall in January


def test_diff_names_a_changed_seat(cli: Callable[..., Result], shape: Path, tmp_path: Path) -> None:
    assert cli("diff", str(shape), str(shape)).exit_code == 0
    rules = load_rules(shape)
    seat = rules.model.members[-1]
    changed = tmp_path / "new.yaml"
    changed.write_text(shape.read_text(encoding="utf-8").replace(seat.title, seat.title + " mới", 1), encoding="utf-8")
    result = cli("diff", str(shape), str(changed))
    assert result.exit_code == 1
    assert seat.title + " mới" in result.stdout


def test_gop_y_matches_a_letter_to_its_seat(cli: Callable[..., Result], shape: Path, tmp_path: Path) -> None:
    rules = load_rules(shape)
    seat = next(m for m in rules.model.members if m.agency and len(rules.members_of(m.agency)) == 1)
    agency = rules.agencies[seat.agency or ""]
    first = next(p for p in rules.provisions if p.kind == "article" and p.lineage()[0].kind == "article")
    body = [f"{agency.name} có ý kiến như sau:", f"1. Tại Điều {first.num}: đề nghị viết lại cho rõ."]
    folder = tmp_path / "gop-y"
    folder.mkdir()
    write_letter_docx(folder / "letter.docx", agency.name.upper(), "5/VP", "10 tháng 10 năm 2024", body)
    result = cli("gop-y", str(folder), "--file", str(shape), "--format", "json")
    comments = as_json(result)["comments"]
    assert [(c["member"], c["refs"]) for c in comments] == [(seat.id, [first.id])]


def docx_text(path: Path) -> str:
    """Every paragraph of a .docx, the table cells included, one per line."""
    from docx import Document

    document = Document(str(path))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_drafting_tables_on_every_shape(cli: Callable[..., Result], shape: Path, tmp_path: Path) -> None:
    """bang-so-sanh of a changed clause (struck and added words, its citation, the committee's header) and
    bang-tong-hop of a letter read by gop-y (the seat's agency, its comment, the provision it cites)."""
    rules = load_rules(shape)
    clause = next(p for p in rules.provisions if p.kind in ("clause", "paragraph") and p.text and len(p.text) > 30)
    assert clause.text is not None
    changed = tmp_path / "moi.yaml"
    text = shape.read_text(encoding="utf-8")
    changed.write_text(text.replace(clause.text, clause.text[:-1] + " và báo cáo kịp thời.", 1), encoding="utf-8")
    table = tmp_path / "bang-so-sanh.docx"
    result = cli("render", "bang-so-sanh", "--old", str(shape), "--new", str(changed), "--out", str(table))
    assert result.exit_code == 0, result.stderr
    found = docx_text(table)
    doc = rules.model.document
    assert doc.committee.upper() in found and doc.title in found
    assert clause.citation[:1].upper() + clause.citation[1:] in found and "và báo cáo kịp thời." in found
    assert UNTRANSCRIBED_NOTICE not in found
    every = tmp_path / "bang-so-sanh-all.docx"
    result = cli("render", "bang-so-sanh", "--old", str(shape), "--new", str(changed), "--all", "--out", str(every))
    assert result.exit_code == 0, result.stderr
    everything = docx_text(every)
    assert UNTRANSCRIBED_NOTICE not in everything
    for provision in (p for p in rules.provisions if p.untranscribed):
        assert provision.untranscribed not in everything

    seat = next(m for m in rules.model.members if m.agency and len(rules.members_of(m.agency)) == 1)
    agency = rules.agencies[seat.agency or ""]
    first = next(p for p in rules.provisions if p.kind == "article" and p.lineage()[0].kind == "article")
    folder = tmp_path / "gop-y"
    folder.mkdir()
    body = [f"{agency.name} có ý kiến như sau:", f"1. Tại Điều {first.num}: đề nghị bổ sung thời hạn báo cáo."]
    write_letter_docx(folder / "letter.docx", agency.name.upper(), "5/VP", "10 tháng 10 năm 2024", body)
    comments = tmp_path / "gop-y.json"
    comments.write_text(cli("gop-y", str(folder), "--file", str(shape), "--format", "json").stdout, encoding="utf-8")
    synthesis = tmp_path / "bang-tong-hop.docx"
    args = ["render", "bang-tong-hop", "--file", str(shape), "--from-comments", str(comments), "--out", str(synthesis)]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    found = docx_text(synthesis)
    assert f"Điều {first.num}" in found and "đề nghị bổ sung thời hạn báo cáo." in found
    assert agency.name in found and doc.committee.upper() in found
    others = [m for m in rules.model.members if m.agency and m.agency != agency.id and m.seated_on(clock.today())]
    assert not others or "Các cơ quan chưa có ý kiến" in found


def test_site_has_a_page_for_every_seat(cli: Callable[..., Result], shape: Path, tmp_path: Path) -> None:
    rules = load_rules(shape)
    out = tmp_path / "site"
    result = cli("site", "--file", str(shape), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    pages = {p.stem for p in out.rglob("*.html")}
    assert {m.id for m in rules.model.members if m.seated_on(clock.today())} <= pages
    text = (out / "quy-che.html").read_text(encoding="utf-8")
    for provision in rules.provisions:  # the instrument's articles and the attachments included
        assert f'id="{provision.id}"' in text, provision.id
        assert not provision.untranscribed or provision.untranscribed not in text


def test_render_quy_che_prints_every_attachment_never_an_untranscribed_note(
    cli: Callable[..., Result], shape: Path, tmp_path: Path
) -> None:
    """A file with parts not transcribed yet: refused (exit 2, naming them) unless --incomplete, which leaves
    them out, says so on stderr and marks the document; the marker and its note are never printed as text."""
    from docx import Document

    rules = load_rules(shape)
    out = tmp_path / "quy-che.docx"
    missing = [p for p in rules.provisions if p.untranscribed]
    result = cli("render", "quy-che", "--file", str(shape), "--out", str(out))
    if missing:
        assert result.exit_code == 2 and not out.exists()
        assert all(f"{p.citation}: {p.untranscribed}" in result.stderr for p in missing)
        assert "--incomplete" in result.stderr
        result = cli("render", "quy-che", "--file", str(shape), "--out", str(out), "--incomplete")
        assert "Bản in chưa đầy đủ (mang dấu BẢN CHƯA ĐẦY ĐỦ)" in result.stderr
    assert result.exit_code == 0, result.stderr
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    text = "\n".join(paragraphs)
    marks = [word for word in ("DỰ THẢO", "BẢN CHƯA ĐẦY ĐỦ") if word in paragraphs[0]]
    assert marks == ["DỰ THẢO"] * (rules.model.document.status == "draft") + ["BẢN CHƯA ĐẦY ĐỦ"] * bool(missing)
    for attachment in rules.attachments:
        assert attachment.text in text
    assert UNTRANSCRIBED_NOTICE not in text
    for provision in missing:
        assert provision.untranscribed not in text and rules.full_text(provision) not in text
    for provision in rules.provisions:  # everything transcribed is printed (the regulation, not its decision)
        lineage = provision.lineage()
        if provision.text and rules.instrument not in lineage and not any(p.untranscribed for p in lineage):
            assert provision.text.split("\n")[0] in text, provision.id


def test_a_seat_added_later_is_told_as_not_yet_set_up(cli: Callable[..., Result], shape: Path) -> None:
    rules = load_rules(shape)
    for member in rules.model.members:
        if member.valid_from is None:
            continue
        before = f"{member.valid_from - dt.timedelta(days=1):%Y-%m-%d}"
        result = cli("duties", member.id, "--file", str(shape), "--as-of", before)
        assert result.exit_code == 0
        assert f"chưa được lập: ghế có từ {member.valid_from:%d/%m/%Y}" in result.stdout + result.stderr
        assert member.source is None or member.source.document in " ".join((result.stdout + result.stderr).split())


@pytest.mark.parametrize("kind", ["thong-bao", "giay-moi"])
def test_meeting_documents_render_from_their_example_data(
    cli: Callable[..., Result], shape: Path, tmp_path: Path, kind: str
) -> None:
    example = cli("render", kind, "--example", "--file", str(shape))
    assert example.exit_code == 0
    # The example speaks of the file's own periods, in the regulation's own life.
    rules = load_rules(shape)
    cycles = {s.cycle for s in rules.model.reporting.streams} if rules.model.reporting else set()
    assert "quý" not in example.stdout or "quarterly" in cycles
    if kind == "giay-moi":
        period, _ = example_period(rules)
        assert f"Đánh giá kết quả thực hiện nhiệm vụ {rules.model.reporting.subject} {period.phrase}" in example.stdout
    days = [dt.date.fromisoformat(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", example.stdout)]
    assert days and min(days) >= first_day(rules) and max(days) < first_day(rules) + dt.timedelta(days=200)
    data = tmp_path / f"{kind}.yaml"
    data.write_text(example.stdout, encoding="utf-8")
    out = tmp_path / f"{kind}.docx"
    result = cli("render", kind, "--file", str(shape), "--data", str(data), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    from docx import Document

    # The signature names the head by position only (Nghị định 30/2020, Điều 13), as the file labels the role.
    head = rules.seats_of_kind("head")[0]
    position = rules.role_label(head.role).upper()
    authority = [p.text for p in Document(str(out)).tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert authority[0] in (position, f"KT. {position}", f"TL. {position}") or authority[0].startswith("TM. ")
    assert head.title.upper() == position or head.title.upper() not in authority
