"""The cited provisions (``show``) and the search hits, as wrapped text with the matches highlighted."""

from __future__ import annotations

import unicodedata

from rich.console import Group
from rich.text import Text

from quyche_cli.cli.views import View, reporter
from quyche_cli.cli.views.console import indented, wrapped
from quyche_cli.cli.views.lookup import member_label, rules_of
from quyche_cli.lookup.citations import Excerpt
from quyche_cli.lookup.search import Hit, SearchResult
from quyche_cli.rules.index import Provision, Rules


def _provision_text(rules: Rules, provision: Provision, width: int) -> Group:
    lines = [Text(f"── {provision.citation} ({provision.id})", style="bold")]
    owner = rules.owner(provision)
    if owner:
        lines.append(Text(f"Nhiệm vụ của: {owner.title}", style="dim"))
    for node in provision.walk():
        depth = len(node.lineage()) - len(provision.lineage())
        lines.append(indented(rules.full_text(node), 2 * depth, width))
    return Group(*lines)


SNIPPET_CONTEXT = 60  # characters kept on each side of the first match, cut at a word boundary


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The whole words around the first match (with "…" where text is left out), and the matches in it."""
    first_start, first_end = spans[0]
    start = 0
    if first_start > SNIPPET_CONTEXT:
        start = text.find(" ", first_start - SNIPPET_CONTEXT, first_start) + 1 or first_start
    end = len(text)
    if end - first_end > SNIPPET_CONTEXT:
        end = max(text.rfind(" ", first_end, first_end + SNIPPET_CONTEXT), first_end)
    lead, shift = ("…", 1 - start) if start else ("", 0)
    snippet = lead + text[start:end] + ("…" if end < len(text) else "")
    return snippet, [(a + shift, b + shift) for a, b in spans if start <= a and b <= end]


def _bare(text: str) -> str:
    """``text`` without its diacritics ("họp" → "hop"), as a user would type it."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _hit_text(rules: Rules, hit: Hit, full: bool, width: int) -> Group:
    """A search hit, a snippet around the match or its whole paragraph, with the matched words highlighted
    (on a terminal; Rich wraps it, no indentation, no padding)."""
    body, spans = (hit.text, hit.spans) if full else _snippet(hit.text, hit.spans)
    shown = Text(body)
    for start, end in spans:
        shown.stylize("bold reverse", start, end)
    owner = member_label(rules, hit.member)
    heading = hit.ref + (f" — {owner}" if owner else "")
    heading += f" (nay do {hit.carried_by} thực hiện)" if hit.carried_by else ""
    heading += "".join(f" — {note}" for note in hit.outdated)
    return Group(indented(heading, 0, width, "bold"), wrapped(shown, width), Text(""))


@reporter(Excerpt, "text")
def excerpt_text(excerpt: Excerpt, view: View) -> Group:
    return Group(*(_provision_text(rules_of(view), p, view.width) for p in excerpt.provisions))


@reporter(SearchResult, "text")
def search_text(result: SearchResult, view: View) -> Group:
    hits = [_hit_text(rules_of(view), hit, view.full, view.width) for hit in result.hits]
    summary = f"{len(result.hits)} kết quả cho '{result.query}'"
    if result.other_diacritics:
        summary += (
            f"; {result.other_diacritics} quy định khác chỉ khớp khi bỏ dấu: quyche search '{_bare(result.query)}'"
        )
    return Group(*hits, indented(summary + ".", 0, view.width))
