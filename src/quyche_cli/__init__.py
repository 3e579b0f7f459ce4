"""quyche: a provincial regulation (Quy chế) as validated data, with a command line over it.

The public Python API (the command line calls nothing else)::

    import quyche_cli as qc

    rules = qc.open_rules()                                  # QUYCHE_FILE, ./quyche.yaml or the bundled file
    target = qc.resolve_member(rules, "so y te").targets[0]  # one member, or NotFoundError
    report = qc.duties_of(rules, target, datetime.date(2024, 10, 1))
    audit = qc.Auditor(rules).run(Path("q3"), qc.parse_period("2024-Q3"))
    site = qc.build_site(rules, datetime.date(2026, 12, 4))   # the website's files, relative path -> bytes

Every error a user can cause is a :class:`QuycheError`; its ``exit_code`` is what the command line exits with.
Names are imported on first use, so ``import quyche_cli`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = {
    "QuycheError": "quyche_cli.errors",
    "InputError": "quyche_cli.errors",
    "RulesFileError": "quyche_cli.rules.problems",
    "RenderError": "quyche_cli.errors",
    "OutputError": "quyche_cli.errors",
    "NotFoundError": "quyche_cli.errors",
    "Rules": "quyche_cli.rules.index",
    "open_rules": "quyche_cli.rules.opening",
    "agency_on": "quyche_cli.rules.organisation",
    "validate_paths": "quyche_cli.rules.validation",
    "lint": "quyche_cli.rules.lint",
    "resolve_member": "quyche_cli.lookup.resolve",
    "duties_of": "quyche_cli.lookup.duties",
    "roster": "quyche_cli.lookup.duties",
    "excerpt": "quyche_cli.lookup.citations",
    "search": "quyche_cli.lookup.search",
    "parse_period": "quyche_cli.schedule.periods",
    "parse_date": "quyche_cli.schedule.periods",
    "plan": "quyche_cli.schedule.deadlines",
    "Auditor": "quyche_cli.audit.auditor",
    "Audit": "quyche_cli.audit.results",
    "Options": "quyche_cli.documents.kinds",
    "render": "quyche_cli.documents.render",
    "build_site": "quyche_cli.site.build",
}
__all__ = [
    "__version__",
    "QuycheError",
    "InputError",
    "RulesFileError",
    "RenderError",
    "OutputError",
    "NotFoundError",
    "Rules",
    "open_rules",
    "agency_on",
    "validate_paths",
    "lint",
    "resolve_member",
    "duties_of",
    "roster",
    "excerpt",
    "search",
    "parse_period",
    "parse_date",
    "plan",
    "Auditor",
    "Audit",
    "Options",
    "render",
    "build_site",
]

if TYPE_CHECKING:
    from quyche_cli.audit.auditor import Auditor
    from quyche_cli.audit.results import Audit
    from quyche_cli.documents.kinds import Options
    from quyche_cli.documents.render import render
    from quyche_cli.errors import InputError, NotFoundError, OutputError, QuycheError, RenderError
    from quyche_cli.lookup.citations import excerpt
    from quyche_cli.lookup.duties import duties_of, roster
    from quyche_cli.lookup.resolve import resolve_member
    from quyche_cli.lookup.search import search
    from quyche_cli.rules.index import Rules
    from quyche_cli.rules.lint import lint
    from quyche_cli.rules.opening import open_rules
    from quyche_cli.rules.organisation import agency_on
    from quyche_cli.rules.problems import RulesFileError
    from quyche_cli.rules.validation import validate_paths
    from quyche_cli.schedule.deadlines import plan
    from quyche_cli.schedule.periods import parse_date, parse_period
    from quyche_cli.site.build import build_site


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    if name not in _API:
        raise AttributeError(f"module 'quyche_cli' has no attribute {name!r}")
    value = getattr(import_module(_API[name]), name)
    globals()[name] = value
    return value
