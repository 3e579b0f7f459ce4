"""What ``render`` prints besides the documents themselves: the list of kinds and an example data file."""

from __future__ import annotations

from quyche_cli.cli.views import View, reporter
from quyche_cli.documents.kinds import Catalogue, Example


@reporter(Catalogue, "text")
def catalogue_text(catalogue: Catalogue, view: View) -> str:
    width = max(len(kind.name) for kind in catalogue.kinds)
    return "".join(f"{kind.name:<{width}} {kind.summary}. Cần: {kind.needs}.\n" for kind in catalogue.kinds)


@reporter(Example, "text")
def example_yaml(example: Example, view: View) -> str:
    import yaml

    return yaml.safe_dump(example.data, allow_unicode=True, sort_keys=False)
