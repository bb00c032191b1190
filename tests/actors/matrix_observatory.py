"""Who may open the observatory (collected by test_permission_matrix)."""

from tests.permissions import (
    SIGNED_IN,
    Rule,
)

RULES: list[Rule] = [
    Rule("actors:observatory", SIGNED_IN),
    Rule(
        "actors:observatory_figure_csv",
        SIGNED_IN,
        path="/actors/observatory/figures/by-country.csv",
    ),
    Rule(
        "actors:observatory_figure_svg",
        SIGNED_IN,
        path="/actors/observatory/figures/by-country.svg",
    ),
    Rule("actors:observatory_map", SIGNED_IN),
    Rule("actors:observatory_map_data", SIGNED_IN, data={"zoom": "5"}),
    Rule("actors:observatory_map_csv", SIGNED_IN),
    Rule("actors:observatory_graph", SIGNED_IN),
    Rule("actors:observatory_graph_svg", SIGNED_IN),
    Rule("actors:observatory_graph_csv", SIGNED_IN),
]

API_RESOURCES: dict = {}


def extend_world(world):
    return {}
