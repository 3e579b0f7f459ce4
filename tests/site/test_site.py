"""The offline website on real rules files: every page is HTML5, every link and anchor inside the folder
resolves, and every page says what the command line says for the same day."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from typer.testing import Result

from quyche_cli import text as vt
from quyche_cli.errors import OutputError
from quyche_cli.lookup.duties import duties_of, roster
from quyche_cli.rules.index import Rules
from quyche_cli.rules.names import Target
from quyche_cli.rules.validation import load_rules
from quyche_cli.safewrite import write_folder
from quyche_cli.schedule.deadlines import plan
from quyche_cli.schedule.periods import format_day, period_vi
from quyche_cli.site.build import Site, build_site
from support import DATA, RULES_FILE

DAY = dt.date(2026, 12, 4)
RULES_FILES = {"bundled": RULES_FILE, "other": DATA / "other.yaml"}
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)


# before the 2025 reorganisations, between a dissolution and the seat's decision (other.yaml), and after them
DAYS = [dt.date(2024, 9, 1), dt.date(2025, 10, 15), DAY]


@pytest.fixture(scope="module", params=sorted(RULES_FILES))
def built(request: pytest.FixtureRequest) -> tuple[Rules, Site]:
    rules = load_rules(RULES_FILES[request.param])
    return rules, build_site(rules, DAY)


@pytest.fixture(scope="module", params=[(name, day) for name in sorted(RULES_FILES) for day in DAYS], ids=repr)
def any_day(request: pytest.FixtureRequest) -> Site:
    """The site of each rules file on each of ``DAYS``."""
    name, day = request.param
    return build_site(load_rules(RULES_FILES[name]), day)


def parse(data: bytes) -> Element:
    """The page as a tree; html5lib's strict parser raises on the first HTML5 parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(data.decode("utf-8"))
    return tree


def pages(site: Site) -> dict[str, Element]:
    return {name: parse(data) for name, data in site.files.items() if name.endswith(".html")}


def page_text(site: Site, name: str) -> str:
    return " ".join("".join(parse(site.files[name]).itertext()).split())


def test_every_page_is_html5_in_vietnamese_with_unique_ids(any_day: Site) -> None:
    site = any_day
    for name, tree in pages(site).items():
        assert tree.get("lang") == "vi", name
        ids = [e.get("id") for e in tree.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
        assert tree.find(".//meta[@name='viewport']") is not None, name
        search = tree.find(".//form[@role='search']//input[@id='tim-kiem']")
        assert search is not None and tree.find(".//label[@for='tim-kiem']") is not None, name


def test_headings_go_down_one_level_at_a_time(any_day: Site) -> None:
    for name, tree in pages(any_day).items():
        levels = [int(e.tag[1]) for e in tree.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and levels.count(1) == 1, name
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (name, levels)


def test_every_internal_link_resolves_and_none_leaves_the_folder(any_day: Site) -> None:
    site = any_day
    trees = pages(site)
    ids = {name: {e.get("id") for e in tree.iter()} for name, tree in trees.items()}
    checked = 0
    for name, tree in trees.items():
        for element in tree.iter():
            for attribute in ("href", "src"):
                link = element.get(attribute)
                if link is None:
                    continue
                assert not SCHEME.match(link), f"{name} links outside the folder: {link}"
                path, _, fragment = link.partition("#")
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
                assert target in site.files, f"{name}: {link} goes nowhere"
                if fragment:
                    assert fragment in ids[target], f"{name}: {link} names no anchor"
                checked += 1
    assert checked > 100


def test_one_stable_anchor_per_provision_and_citations_link_to_it(built: tuple[Rules, Site]) -> None:
    rules, site = built
    text = parse(site.files["quy-che.html"])
    anchors = {e.get("id") for e in text.iter()}
    assert {p.id for p in rules.provisions} <= anchors
    linked = {
        e.get("href", "").partition("#")[2]
        for tree in pages(site).values()
        for e in tree.iter("a")
        if "quy-che.html#" in e.get("href", "")
    }
    owners = {m.duties for m in rules.model.members}
    assert owners <= linked  # every member's "Nhiệm vụ giao tại …" is a link to its clause


def test_the_home_page_shows_the_roster_and_the_next_deadlines(built: tuple[Rules, Site]) -> None:
    rules, site = built
    home = page_text(site, "index.html")
    for row in roster(rules, DAY).rows:
        assert " ".join((row["title"] or row["agency"]).split()) in home
    ahead = [o for year in (2026, 2027) for o in plan(rules, as_of=DAY, year=year).obligations if o.date]
    first = min((o for o in ahead if o.date and o.date >= DAY), key=lambda o: o.date or DAY)
    assert first.date is not None
    assert f"{format_day(first.date)} còn {(first.date - DAY).days} ngày" in home


def test_the_next_deadlines_are_those_of_deadlines_upcoming(
    built: tuple[Rules, Site], cli: Callable[..., Result], tmp_path: Path
) -> None:
    rules, site = built
    assert rules.source is not None
    result = cli("deadlines", "--upcoming", "--as-of", "2026-12-04", "--format", "json", "--file", rules.source.file)
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)["upcoming"]
    assert len(listed) == 5
    home = parse(site.files["index.html"])
    items = list(home.iterfind(".//ol[@class='danh-sach-han']/li"))
    assert len(items) == 15  # the next 15, for the browser to count from its own today (assets/han.js)
    shown = [" ".join("".join(li.itertext()).split()) for li in items if li.get("hidden") is None]
    assert len(shown) == len(listed)
    for item, text in zip(listed, shown, strict=True):
        day = dt.date.fromisoformat(item["date"])
        assert text.startswith(f"{format_day(day)} còn {item['days_left']} ngày")
        assert " ".join(item["what"].split()) in text
        assert f"kỳ {period_vi(item['period'])})" in text, text


def test_the_bundled_home_page_counts_the_days_left() -> None:
    site = build_site(load_rules(RULES_FILE), DAY)
    home = page_text(site, "index.html")
    assert "Thứ Năm 24/12/2026 còn 20 ngày" in home
    assert "Văn bản là dự thảo, chưa được ban hành" in home
    digest = hashlib.sha256(RULES_FILE.read_bytes()).hexdigest()
    assert f"Trang được lập bằng quyche từ tệp quy chế quyche.yaml (SHA-256 {digest[:16]}…)" in home
    assert "Từ 01/07/2025: tỉnh Bắc Ninh và tỉnh Bắc Giang hợp nhất" in home


def test_each_unit_page_tells_what_duties_tells(built: tuple[Rules, Site]) -> None:
    rules, site = built
    for ident in (row["id"] for row in roster(rules, DAY).rows):
        kind = "member" if ident in rules.members else "agency"
        report = duties_of(rules, Target(kind, ident), DAY)
        folder = "thanh-vien" if kind == "member" else "co-quan"
        text = page_text(site, f"{folder}/{ident}.html")
        for item in [*report.duties, *report.common_duties, *report.mentions]:
            assert item.ref in text
            for line in item.text.split("\n"):
                assert " ".join(line.split()) in text, (ident, item.ref)
        for notice in report.notices:
            assert " ".join(notice.split()) in text


def test_a_page_marks_lead_and_partner_and_lists_its_deadlines() -> None:
    rules = load_rules(RULES_FILE)
    site = build_site(rules, DAY)
    vpubnd = page_text(site, "thanh-vien/vpubnd.html")
    assert "chủ trì" in vpubnd
    schedule = plan(rules, member="syt", as_of=DAY, year=2026)
    syt = page_text(site, "thanh-vien/syt.html")
    dated = [o for o in schedule.obligations if o.date]
    assert dated and all(f"{format_day(o.date)}" in syt for o in dated if o.date)
    assert "kỳ quý IV/2026)" in syt and "hạn Thứ Năm 24/12/2026 (quý IV/2026)" in syt
    assert all(f"Cách tính: {' '.join(o.rule.split())}" in syt for o in dated)


def test_a_dissolved_agency_page_tells_its_succession() -> None:
    rules = load_rules(RULES_FILE)
    site = build_site(rules, DAY)
    report = duties_of(rules, Target("member", "stttt"), DAY)
    assert report.succession is not None and report.succession.carriers
    text = page_text(site, "thanh-vien/stttt.html")
    assert "Sắp xếp tổ chức" in text
    assert f"Từ {report.succession.date:%d/%m/%Y}, Sở Thông tin và Truyền thông đã chấm dứt hoạt động" in text
    for carrier in report.succession.carriers:
        assert carrier["agency"] in text
    heir = page_text(site, "thanh-vien/skhcn.html")
    assert "Kế thừa từ Sở Thông tin và Truyền thông" in heir


def test_the_other_regulation_has_its_own_names_only() -> None:
    rules = load_rules(DATA / "other.yaml")
    site = build_site(rules, DAY)
    everything = b"".join(site.files.values()).decode("utf-8")
    assert "Bắc Ninh" not in everything
    assert "Tổ Điều phối Dữ liệu số tỉnh Hòa Sơn" in page_text(site, "index.html")
    # the seat of the dissolved Trung tâm is held by Sở Cảng vụ Dữ liệu since 01/12/2025
    assert "Giám đốc Sở Cảng vụ Dữ liệu" in page_text(site, "thanh-vien/ttdl.html")
    texts = " ".join(page_text(site, name) for name in site.files if name.endswith(".html"))
    assert "(nguồn cần xác nhận: văn bản giả định của bộ dữ liệu thử)" in texts and "nguồn: nguồn" not in texts


def test_the_year_deadlines_page_and_ics_match_the_deadlines_command(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    rules = load_rules(RULES_FILE)
    site = build_site(rules, DAY)
    schedule = plan(rules, as_of=DAY, year=2026)
    text = page_text(site, "han.html")
    for obligation in schedule.obligations:
        assert " ".join(obligation.what.split()) in text
        if obligation.date:
            assert format_day(obligation.date) in text
    ics = tmp_path / "han.ics"
    result = cli("deadlines", "--year", "2026", "--as-of", "2026-12-04", "--format", "ics", "--out", str(ics))
    assert result.exit_code == 0

    def events(data: bytes) -> list[str]:
        return sorted(line for line in data.decode().splitlines() if line.startswith(("UID", "DTSTART", "SUMMARY")))

    assert events(site.files["han-2026.ics"]) == events(ics.read_bytes())
    assert len(events(ics.read_bytes())) == 3 * sum(o.date is not None for o in schedule.obligations)
    mine = tmp_path / "syt.ics"
    args = ["deadlines", "--year", "2026", "--member", "Sở Y tế", "--as-of", "2026-12-04", "--format", "ics"]
    assert cli(*args, "--out", str(mine)).exit_code == 0
    assert events(site.files["thanh-vien/syt-han-2026.ics"]) == events(mine.read_bytes())
    assert events(mine.read_bytes())
    links = {a.get("href") for a in parse(site.files["thanh-vien/syt.html"]).iter("a")}
    assert "syt-han-2026.ics" in links


def test_the_deadlines_page_lists_every_obligation_of_every_stream(built: tuple[Rules, Site]) -> None:
    rules, site = built
    schedule = plan(rules, as_of=DAY, year=2026)
    text = page_text(site, "han.html")
    for period in schedule.periods:
        assert f"Kỳ {period.label_vi} ({period.label})" in text
    assert all(" ".join(o.what.split()) in text for o in schedule.obligations)
    assert all(format_day(o.date) in text for o in schedule.obligations if o.date)
    unperiodic = [o for o in schedule.obligations if o.period is None]
    assert ("Không theo kỳ (theo yêu cầu, sau sự kiện)" in text) == bool(unperiodic)


def test_the_search_index_folds_like_the_command_line(built: tuple[Rules, Site]) -> None:
    rules, site = built
    script = site.files["search-index.js"].decode()
    assert script.startswith("window.QUYCHE_INDEX = ")
    entries = json.loads(script.removeprefix("window.QUYCHE_INDEX = ").rstrip().removesuffix(";"))
    keys = {e["u"]: e["k"] for e in entries}
    for provision in rules.provisions:
        assert keys[f"quy-che.html#{provision.id}"] == vt.fold(f"{provision.citation} {rules.full_text(provision)}")
    assert all(e["u"] in site.files or e["u"].startswith("quy-che.html#") for e in entries)


def test_the_site_command_writes_a_folder_once(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "web"
    result = cli("site", "--out", str(out), "--as-of", "04/12/2026", "--file", str(RULES_FILE))
    assert result.exit_code == 0, result.stderr
    assert "Đã tạo trang web (" in result.stderr and f"Mở {out / 'index.html'}" in result.stderr
    assert "Lưu ý: Văn bản là dự thảo" in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"Tệp quy chế: {RULES_FILE}")
    home = (out / "index.html").read_bytes()
    assert (out / "thanh-vien" / "syt.html").is_file() and (out / "han-2026.ics").is_file()

    again = cli("site", "--out", str(out), "--file", str(RULES_FILE))
    assert again.exit_code == 2 and "đã có nội dung; dùng --force" in again.stderr
    assert (out / "index.html").read_bytes() == home

    forced = cli("site", "--out", str(out), "--as-of", "2025-01-01", "--force", "--file", str(RULES_FILE))
    assert forced.exit_code == 0, forced.stderr
    assert "ngày 01/01/2025" in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["web"]  # no temporary folder left behind


@pytest.mark.parametrize("make", ["foreign", "file", "no_parent", "here", "bad_day"])
def test_the_site_command_refuses_and_touches_nothing(cli: Callable[..., Result], tmp_path: Path, make: str) -> None:
    out = tmp_path / "web"
    args = ["site", "--out", str(out), "--force", "--file", str(RULES_FILE)]
    if make == "foreign":
        out.mkdir()
        (out / "notes.txt").write_text("của tôi", encoding="utf-8")
        message = "không phải trang web do quyche tạo"
    elif make == "file":
        out.write_text("x", encoding="utf-8")
        message = "không phải một thư mục thật"
    elif make == "no_parent":
        out = tmp_path / "missing" / "web"
        args[2] = str(out)
        message = "không tồn tại"
    elif make == "here":
        args[2] = "."  # the command runs in tmp_path
        message = "là thư mục đang làm việc hoặc chứa nó"
    else:
        args += ["--as-of", "31/02/2026"]
        message = "không tồn tại trong lịch"
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = cli(*args)
    assert result.exit_code == 2 and message in result.stderr
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    if make == "foreign":
        assert (out / "notes.txt").read_text(encoding="utf-8") == "của tôi"


def test_an_empty_folder_is_used_without_force(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "web"
    out.mkdir()
    result = cli("site", "--out", str(out), "--file", str(DATA / "other.yaml"), "--as-of", "2026-12-04")
    assert result.exit_code == 0 and (out / "index.html").is_file()


def test_a_failed_write_leaves_the_old_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "web"
    write_folder(out, {"index.html": b"old", "a/b.html": b"old"})
    with pytest.raises(OutputError, match="Không ghi được"):
        write_folder(out, {"index.html": b"new", "a": b"a file", "a/b.html": b"cannot be under a file"}, force=True)
    assert (out / "index.html").read_bytes() == b"old" and (out / "a" / "b.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["web"]


def test_force_replaces_only_a_folder_its_manifest_lists(cli: Callable[..., Result], tmp_path: Path) -> None:
    """A page that merely looks like quyche's is not enough: every file must be in the list a build wrote."""
    import json

    from quyche_cli.site.build import MANIFEST

    out = tmp_path / "web"
    args = ["site", "--out", str(out), "--force", "--file", str(RULES_FILE)]
    assert cli(*args).exit_code == 0
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert listed["generator"] == "quyche" and "index.html" in listed["files"] and "assets/style.css" in listed["files"]
    assert sorted(listed["files"]) == sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MANIFEST
    )
    for stranger, message in [
        ("ghi-chu.txt", "có nội dung quyche không tạo ra (ghi-chu.txt)"),
        ("thanh-vien/cua-toi.html", "có nội dung quyche không tạo ra (thanh-vien/cua-toi.html)"),
        ("thu-muc-rieng/", "có nội dung quyche không tạo ra (thu-muc-rieng)"),
    ]:
        path = out / stranger
        path.mkdir() if stranger.endswith("/") else path.write_text("của tôi", encoding="utf-8")
        refused = cli(*args)
        assert refused.exit_code == 2 and message in refused.stderr, refused.stderr
        assert path.exists()
        path.rmdir() if stranger.endswith("/") else path.unlink()
    manifest = (out / MANIFEST).read_bytes()
    for damaged in (b"", b"[" * 100_000, json.dumps({"generator": "khac", "files": []}).encode()):
        (out / MANIFEST).write_bytes(damaged)
        refused = cli(*args)
        assert refused.exit_code == 2 and f"không có danh sách tệp {MANIFEST} hợp lệ" in refused.stderr
    (out / MANIFEST).unlink()
    (out / MANIFEST).symlink_to(tmp_path / "elsewhere.json")
    (tmp_path / "elsewhere.json").write_bytes(manifest)
    assert cli(*args).exit_code == 2  # a manifest reached through a link is not the folder's own
    (out / MANIFEST).unlink()
    (out / MANIFEST).write_bytes(manifest)
    assert cli(*args).exit_code == 0 and (tmp_path / "elsewhere.json").exists()


@pytest.mark.parametrize("rules_file", [RULES_FILE, DATA / "other.yaml"], ids=["bundled", "other"])
def test_each_page_has_the_year_that_deadlines_answers(rules_file: Path) -> None:
    """The year is worked out once for the whole site; each page's part is what ``deadlines --year --member``
    answers."""
    from quyche_cli.rules.validation import load_rules
    from quyche_cli.schedule.deadlines import plan
    from quyche_cli.site.content import gather

    rules = load_rules(rules_file)
    for day in (dt.date(2024, 10, 1), dt.date(2026, 12, 4)):
        content = gather(rules, day)
        assert content.year == plan(rules, as_of=day, year=day.year)
        for unit in content.units:
            assert unit.schedule == plan(rules, member=unit.id, as_of=day, year=day.year), unit.id


def test_the_deadlines_page_carries_next_year_and_the_browser_dates(built: tuple[Rules, Site]) -> None:
    rules, site = built
    page = parse(site.files["han.html"])
    dated = [li.get("data-han") for li in page.iter() if li.get("data-han")]
    following = plan(rules, as_of=DAY, year=DAY.year + 1).obligations
    assert len(dated) == sum(o.date is not None for o in plan(rules, as_of=DAY, year=DAY.year).obligations + following)
    assert f"Các hạn năm {DAY.year + 1}" in page_text(site, "han.html")
    assert "han.js" in {Path(s.get("src", "")).name for s in page.iter() if s.get("src")}
    assert "bang-xep-hang.html" not in site.files  # no ledger, no dashboard
