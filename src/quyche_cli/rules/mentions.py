"""Which agencies and agency-less groups (the working group, a sub-committee) a text names, whole words,
diacritics ignored."""

from __future__ import annotations

from quyche_cli import text as vt
from quyche_cli.rules.index import Provision, Rules


def _phrases(named: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    """(id, `` folded name ``) for every name of two words or more."""
    return [(ident, f" {folded} ") for ident, names in named for folded in map(vt.fold, names) if " " in folded]


class Mentions:
    """The phrases of every agency name and group name of a rules file."""

    def __init__(self, rules: Rules) -> None:
        self.agency_phrases = _phrases([(a.id, [a.name, *a.aliases]) for a in rules.model.agencies])
        bodies = ("group", "body", "secretariat")  # seats named as a whole: the working group, a sub-committee
        groups = [m for m in rules.model.members if m.agency is None and rules.role(m).kind in bodies]
        self.group_phrases = _phrases([(m.id, [m.title, *m.aliases]) for m in groups])

    @staticmethod
    def _named(phrases: list[tuple[str, str]], text: str | Provision) -> list[str]:
        haystack = text.folded if isinstance(text, Provision) else f" {vt.fold(text)} "
        return list(dict.fromkeys(ident for ident, phrase in phrases if phrase in haystack))

    def agencies(self, text: str | Provision) -> list[str]:
        """Ids of the agencies whose name or alias appears in ``text``."""
        return self._named(self.agency_phrases, text)

    def groups(self, text: str | Provision) -> list[str]:
        """Ids of the agency-less groups (the working group) that ``text`` names."""
        return self._named(self.group_phrases, text)


def mentions(rules: Rules) -> Mentions:
    """The mention phrases of ``rules``, built once."""
    return rules.derived(Mentions)
