"""Issue 26's site scale trap, rebuilt: a valid 5 KB rules file with two reporting streams of one day each (its
year has 730 periods). The site worked the year out again for every member and agency (20 s; five streams 85 s);
it now plans it once, and every page still says what `deadlines` says (the growth is measured in bench/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from quyche_cli.rules.validation import load_rules
from quyche_cli.schedule.deadlines import plan
from quyche_cli.schedule.periods import format_day
from quyche_cli.site.build import build_site
from support import DATA, write_rules

DAY = dt.date(2026, 12, 4)
DAILY = """    - id: daily_{n}
      name: Báo cáo nhanh hằng ngày {n}
      cycle: every_n_days
      every_days: 1
      starts: 2021-09-01
      steps:
        - id: daily_{n}_report
          actor: reporters
          recipients: [to_truong]
          what: báo cáo nhanh tình hình khai thác dữ liệu số {n}
          source: art_3__para_3
          deadline:
            wording: chậm nhất 01 ngày sau khi kết thúc kỳ báo cáo
            anchor: period_end
            days: 1
            basis: Bộ luật Dân sự 2015, Điều 147 khoản 3
"""


def test_two_daily_streams_build_every_page_with_every_deadline(tmp_path: Path) -> None:
    text = (DATA / "other.yaml").read_text(encoding="utf-8")
    assert text.count("events:\n") == 1
    text = text.replace("events:\n", DAILY.format(n=1) + DAILY.format(n=2) + "events:\n")
    rules = load_rules(write_rules(tmp_path, text))
    site = build_site(rules, DAY)
    deadlines = " ".join(site.files["han.html"].decode("utf-8").split())
    daily = [o for o in plan(rules, as_of=DAY, year=2026).obligations if o.what.startswith("báo cáo nhanh")]
    assert len(daily) >= 2 * 365
    assert all(format_day(o.date) in deadlines for o in daily if o.date)
    assert "báo cáo nhanh tình hình khai thác dữ liệu số 2" in deadlines
