"""Who may open the reporting pages: home, search and the observatory (collected by
test_permission_matrix)."""

from tests.permissions import (
    SIGNED_IN,
    Rule,
)

RULES: list[Rule] = [
    Rule("reporting:home", SIGNED_IN),
    Rule("reporting:search", SIGNED_IN, data={"q": "projet"}),
    Rule("reporting:observatory", SIGNED_IN),
    Rule(
        "reporting:observatory_figure_csv",
        SIGNED_IN,
        path="/observatory/figures/by-country.csv",
    ),
    Rule(
        "reporting:observatory_figure_svg",
        SIGNED_IN,
        path="/observatory/figures/by-country.svg",
    ),
    Rule("reporting:observatory_map", SIGNED_IN),
    Rule("reporting:observatory_map_data", SIGNED_IN, data={"zoom": "5"}),
    Rule("reporting:observatory_map_csv", SIGNED_IN),
    Rule("reporting:observatory_graph", SIGNED_IN),
    Rule("reporting:observatory_graph_svg", SIGNED_IN),
    Rule("reporting:observatory_graph_csv", SIGNED_IN),
]

API_RESOURCES: dict = {}


def extend_world(world):
    return {}
