"""The website's files: pages from Jinja templates (HTML-escaped) over the gathered content, the search index
as a JS file (read by a plain ``<script>``, so it works from ``file://``), the year's deadlines as .ics, and
the stylesheet, script and icon shipped in the package. Every link is relative: the folder works anywhere."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quyche_cli import text as vt
from quyche_cli.lookup.duties import INVOLVEMENT_VI, SEAT_VI
from quyche_cli.rules.index import Rules
from quyche_cli.rules.model import cited
from quyche_cli.schedule.periods import format_day, period_vi
from quyche_cli.site.content import UPCOMING, SiteContent, UnitPage, gather

if TYPE_CHECKING:
    from quyche_cli.ledger.scoreboard import Scoreboard

ASSETS = ("style.css", "search.js", "han.js", "favicon.svg")
GENERATOR = "quyche"  # the <meta name="generator"> of every page
# The list of the files a build wrote, kept in the folder: ``site --force`` replaces a folder only when every
# file in it is listed there.
MANIFEST = ".quyche-site.json"
SNIPPET = 160  # characters of a provision shown in a search result


@dataclass
class Site:
    """The files of the website (relative path -> bytes) and what must be said about the day."""

    files: dict[str, bytes]
    notices: list[str]
    agency_page: dict[str, str] = field(default_factory=dict)  # agency id -> the page that speaks for it

    @property
    def pages(self) -> int:
        return sum(name.endswith(".html") for name in self.files)

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def _package_folder(name: str) -> Path:
    return Path(str(resources.files("quyche_cli.site") / name))


def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(_package_folder("templates"))),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = lambda day: f"{day:%d/%m/%Y}"
    env.filters["weekday"] = format_day
    env.filters["sentence"] = lambda text: text[:1].upper() + text[1:]
    env.filters["period"] = period_vi
    env.filters["cited"] = cited
    env.globals.update(INVOLVEMENT_VI=INVOLVEMENT_VI, SEAT_VI=SEAT_VI, generator=GENERATOR)
    return env


def _charts(board: Scoreboard) -> dict[str, Any]:
    """The dashboard's two charts, as SVG to put in the page as is (written by quyche, every text escaped)."""
    from markupsafe import Markup

    from quyche_cli.ledger.charts import heatmap_svg, rate_svg

    return {"rate_chart": Markup(rate_svg(board)), "heatmap": Markup(heatmap_svg(board))}


def _aliases(rules: Rules, unit: UnitPage) -> list[str]:
    """Other names people type for a unit: its member's and its agency's aliases."""
    ident = unit.report.member.id
    member = rules.members.get(ident)
    agency = rules.agencies.get(member.agency or "") if member else rules.agencies.get(ident)
    return [*(member.aliases if member else []), *(agency.aliases if agency else [])]


def search_index(content: SiteContent) -> bytes:
    """``search-index.js``: one entry per page of a unit, per page and per provision, each with its folded key
    (the same :func:`quyche_cli.text.fold` as the command line's search, without diacritics)."""
    rules = content.rules
    entries = []
    for unit in content.units:
        m = unit.report.member
        subtitle = " · ".join(x for x in (m.agency, m.role_label) if x and x != unit.name)
        words = [unit.name, m.agency or "", m.abbreviation or "", *_aliases(rules, unit)]
        entries.append({"g": "unit", "t": unit.name, "s": subtitle, "u": unit.path, "k": vt.fold(" ".join(words))})
    pages = [("Toàn văn Quy chế", "quy-che.html"), (f"Các hạn năm {content.as_of.year}", "han.html")]
    entries += [{"g": "page", "t": title, "s": "", "u": path, "k": vt.fold(title)} for title, path in pages]
    for p in rules.provisions:
        body = rules.full_text(p).replace("\n", " ")
        snippet = body if len(body) <= SNIPPET else body[:SNIPPET].rsplit(" ", 1)[0] + " …"
        entries.append(
            {
                "g": "text",
                "t": p.citation,
                "s": snippet,
                "u": f"quy-che.html#{p.id}",
                "k": vt.fold(f"{p.citation} {body}"),
            }
        )
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return f"window.QUYCHE_INDEX = {data};\n".encode()


def build_site(rules: Rules, as_of: dt.date, board: Scoreboard | None = None) -> Site:
    """Every file of the website for ``as_of``: home, full text, the year's deadlines (page and .ics), one page
    per seat and per existing agency, the search index and the assets; with ``board`` (from the ledger), the
    dashboard of who reported on time."""
    from quyche_cli.schedule.ics import to_ics
    from quyche_cli.schedule.workcalendar import WorkCalendar

    content = gather(rules, as_of)
    env = _environment()
    document = rules.model.document
    year = as_of.year
    files: dict[str, bytes] = {}

    def page(path: str, template: str, title: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(
            content=content,
            rules=rules,
            document=document,
            root=root,
            title=title,
            year=year,
            dashboard=board is not None,
            **context,
        )
        files[path] = html.encode()

    page("index.html", "home.html.j2", document.committee, shown=UPCOMING)
    page("quy-che.html", "text.html.j2", "Toàn văn Quy chế")
    page("han.html", "deadlines.html.j2", f"Các hạn năm {year}")
    calendar_title = f"Hạn — {document.committee_short}"  # as ``quyche deadlines --format ics`` names it
    working = WorkCalendar(rules.model.calendar)
    files[f"han-{year}.ics"] = to_ics(content.year.obligations, document.committee, calendar_title, working)
    for unit in content.units:
        if unit.dated:
            obligations = unit.schedule.obligations
            files[unit.calendar] = to_ics(obligations, document.committee, calendar_title, working, unit.id)
        page(unit.path, "unit.html.j2", unit.name, unit=unit)
    if board is not None:
        page("bang-xep-hang.html", "dashboard.html.j2", "Bảng xếp hạng nộp báo cáo", board=board, **_charts(board))
    files["search-index.js"] = search_index(content)
    files.update(assets())
    return Site(with_manifest(files), content.notices, content.agency_page)


def with_manifest(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` and the manifest naming each of them: ``site --force`` replaces only what it lists."""
    return {
        **files,
        MANIFEST: json.dumps({"generator": GENERATOR, "files": sorted(files)}, ensure_ascii=False).encode(),
    }


def portal_page(root: str, title: str, **context: Any) -> bytes:
    """A page of a workspace's site, above the committees' own sites: the list of committees and agencies, or
    one agency's committees (``portal.html.j2``)."""
    env = _environment()
    html: str = env.get_template("portal.html.j2").render(root=root, title=title, **context)
    return html.encode()


def assets() -> dict[str, bytes]:
    """The stylesheet, script and icon every site carries."""
    return {f"assets/{name}": (_package_folder("assets") / name).read_bytes() for name in ASSETS}
