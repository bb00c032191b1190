"""The observatory: counts over what the user may see, CSV and SVG downloads, map clusters,
the relationship graph and a constant number of queries."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from lxml import etree

from maillage.actors.models import LinkKind, OrganisationLink, OrganisationType, Theme
from maillage.core.models import Codelist
from maillage.core.reference import departement_name
from maillage.reporting.observatory import (
    ObservatoryFilters,
    organisations_by_departement,
    over_time,
    projects_by_departement,
)
from maillage.reporting.observatory_graph import relationship_graph, spring_layout
from maillage.reporting.observatory_map import map_clusters
from maillage.reporting.views import observatory as observatory_views
from maillage.reporting.views.observatory import tile_source
from tests.factories import (
    GroupMemberFactory,
    OrganisationFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db

ASSOCIATION = "Association"
MUNICIPALITY = "Municipality"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    """Figures in English, the source language, so that the catalog may change freely."""
    with translation.override("en"):
        yield


def login(client, user):
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)


def parse_xml(content: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(content, parser)


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def world(partner_project, other_project):
    """Bordeaux and Lyon associations share the partner's project; a Lille commune and a
    Tunisian association share a project the partner is not in."""
    water = Theme.objects.create(name="Eau")
    bordeaux = OrganisationFactory(
        name="Bordeaux Solidarité", departement="33", latitude=44.84, longitude=-0.58
    )
    lyon = OrganisationFactory(
        name="Lyon Coopération", departement="69", latitude=45.76, longitude=4.84
    )
    lille = OrganisationFactory(
        name="Ville de Lille",
        type=OrganisationType.MUNICIPALITY,
        departement="59",
        latitude=50.63,
        longitude=3.06,
    )
    sfax = OrganisationFactory(name="Association Sfax", country="TN", departement="")
    bordeaux.themes.add(water)
    lyon.themes.add(water)
    bordeaux.sdgs.add(6)
    sfax.action_countries.create(country="SN")
    partner_project.start_on = dt.date(2024, 3, 1)
    partner_project.save()
    other_project.country = "BJ"
    other_project.save()
    ProjectPartnerFactory(project=partner_project, organisation=bordeaux)
    ProjectPartnerFactory(project=partner_project, organisation=lyon)
    ProjectPartnerFactory(project=other_project, organisation=lille)
    ProjectPartnerFactory(project=other_project, organisation=sfax)
    OrganisationLink.objects.create(source=lille, kind=LinkKind.FUNDS, target=bordeaux)
    group = GroupMemberFactory(organisation=lille).group
    GroupMemberFactory(group=group, organisation=sfax)
    return {"bordeaux": bordeaux, "lyon": lyon, "lille": lille, "sfax": sfax}


def test_organisations_are_counted_by_type_and_departement_with_totals(officer, world):
    figure = organisations_by_departement(officer, ObservatoryFilters())
    assert figure.headers[2:] == [MUNICIPALITY, ASSOCIATION, "Total"]
    assert figure.rows == [
        ["33", "Gironde", 0, 1, 1],
        ["59", "Nord", 1, 0, 1],
        ["69", departement_name("69"), 0, 1, 1],
        ["", "Abroad or no département", 0, 1, 1],
    ]
    assert figure.footer == ["Total", "", 1, 3, 4]


def test_a_project_counts_once_in_the_totals_however_many_partners_it_has(officer, world):
    figure = projects_by_departement(officer, ObservatoryFilters())
    by_code = {row[0]: row[2:] for row in figure.rows}
    assert by_code == {"33": [0, 1, 1], "59": [1, 0, 1], "69": [0, 1, 1], "": [0, 1, 1]}
    # Two projects in all, each with associations: not the sum of the cells (4 and 3).
    assert figure.footer == ["Total", "", 1, 2, 2]


def test_the_region_and_type_filters_narrow_every_count(officer, world):
    figure = organisations_by_departement(officer, ObservatoryFilters(region="NAQ"))
    assert [row[0] for row in figure.rows] == ["33"]
    figure = projects_by_departement(officer, ObservatoryFilters(type="municipality"))
    assert figure.rows == [["59", "Nord", 1, 1]]


def test_unknown_filter_values_are_ignored():
    filters = ObservatoryFilters.from_query({"region": "XX", "type": "spaceship"})
    assert filters == ObservatoryFilters()


def test_the_counts_page_shows_every_figure(client, officer, world):
    login(client, officer)
    response = client.get(reverse("reporting:observatory"))
    body = response.content.decode()
    assert response.status_code == 200
    for slug in ("organisations-by-departement", "by-country", "by-theme", "by-sdg", "over-time"):
        assert f'id="{slug}"' in body
    assert (
        "Gironde" in body
        and "Tunisia" in body
        and "Benin" in body
        and "Eau" in body
        and "SDG 6" in body
    )
    assert body.count("<svg") == 6  # one chart per figure, inline


def test_every_figure_is_a_chart_with_its_data_table_and_time_runs_on_a_time_axis(
    client, officer, world
):
    login(client, officer)
    body = client.get(reverse("reporting:observatory")).content.decode()
    for slug in ("organisations-by-departement", "by-country", "by-theme", "by-sdg", "over-time"):
        assert f'id="chart-{slug}"' in body  # the inline SVG (core.charts)
        assert f'data-chart-table="chart-{slug}"' in body  # its data beside it
        assert f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in body
    figure = over_time(officer, ObservatoryFilters())
    assert figure.chart.spec["encoding"]["x"]["type"] == "temporal"
    years = [row[0] for row in figure.rows]
    assert years == list(range(years[0], years[-1] + 1))  # every year, empty ones too
    assert {row[0]: row[2] for row in figure.rows}[2024] >= 1  # the partner's project


def test_a_partner_counts_only_the_records_of_its_projects(client, partner, world):
    login(client, partner)
    body = client.get(reverse("reporting:observatory")).content.decode()
    assert "Gironde" in body and "Nord" not in body
    for hidden in ("Tunisia", "Senegal", "Benin", "Ville de Lille"):
        assert hidden not in body
    rows = read_csv(
        client.get(
            reverse("reporting:observatory_figure_csv", args=["organisations-by-departement"])
        )
    )
    assert rows[1:] == [
        ["33", "Gironde", "1", "1"],
        ["69", departement_name("69"), "1", "1"],
        ["Total", "", "2", "2"],
    ]
    names = {c.get("name") for c in map_clusters(partner, ObservatoryFilters(), zoom=12)}
    assert names == {"Bordeaux Solidarité", "Lyon Coopération"}
    edges = read_csv(client.get(reverse("reporting:observatory_graph_csv")))
    assert [(e[1], e[3]) for e in edges[1:]] == [("Bordeaux Solidarité", "Lyon Coopération")]


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("reporting:observatory"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("reporting:observatory_map_data")).status_code == 302


def test_sdgs_are_named_from_the_iati_codelist_when_it_is_loaded(client, officer, world):
    goals = Codelist.objects.create(name="UNSDG-Goals")
    goals.items.create(code="6", name_en="Clean Water and Sanitation", name_fr="Eau propre")
    login(client, officer)
    rows = read_csv(client.get(reverse("reporting:observatory_figure_csv", args=["by-sdg"])))
    assert rows[1:] == [["SDG 6 — Clean Water and Sanitation", "1"]]


def test_a_figure_downloads_as_csv_with_its_table(client, officer, world):
    login(client, officer)
    response = client.get(
        reverse("reporting:observatory_figure_csv", args=["organisations-by-departement"]),
        {"region": "NAQ"},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert read_csv(response) == [
        ["Code", "Département", ASSOCIATION, "Total"],
        ["33", "Gironde", "1", "1"],
        ["Total", "", "1", "1"],
    ]
    rows = read_csv(client.get(reverse("reporting:observatory_figure_csv", args=["by-country"])))
    assert rows[1] == ["FR", "France", "3", "0", "0"]
    assert ["SN", "Senegal", "0", "1", "0"] in rows


def test_a_csv_cell_that_looks_like_a_formula_stays_text(client, officer):
    OrganisationFactory().themes.add(Theme.objects.create(name="=HYPERLINK(1)"))
    login(client, officer)
    rows = read_csv(client.get(reverse("reporting:observatory_figure_csv", args=["by-theme"])))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_a_figure_downloads_as_svg_with_its_title_and_labels(client, officer, world):
    login(client, officer)
    response = client.get(
        reverse("reporting:observatory_figure_svg", args=["organisations-by-departement"])
    )
    assert response["Content-Type"].startswith("image/svg+xml")
    root = parse_xml(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Organisations by type and département"
    assert root.find(f"{SVG}desc").text
    texts = "".join(root.itertext())
    assert "33 Gironde" in texts and "59 Nord" in texts


def test_unknown_figures_answer_404(client, officer):
    login(client, officer)
    url = reverse("reporting:observatory_figure_csv", args=["nothing"])
    assert client.get(url).status_code == 404


def test_the_counts_page_runs_the_same_number_of_queries_for_5_or_50_organisations(client, officer):
    def measure() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reporting:observatory")).status_code == 200
        return len(queries)

    login(client, officer)
    departements = ["33", "69", "59", "13", "75"]
    for i in range(5):
        ProjectPartnerFactory(organisation__departement=departements[i])
    few = measure()
    for i in range(45):
        partner = ProjectPartnerFactory(organisation__departement=departements[i % 5])
        partner.organisation.themes.add(Theme.objects.get_or_create(name=f"Thème {i % 7}")[0])
        partner.organisation.action_countries.create(country="SN")
    assert measure() == few
    assert few <= 16


def test_nearby_organisations_cluster_and_split_as_the_map_zooms_in(client, officer, world):
    login(client, officer)
    url = reverse("reporting:observatory_map_data")
    far = client.get(url, {"zoom": "1", "bbox": "-180,-85,180,85"}).json()["clusters"]
    assert [c["count"] for c in far] == [3]
    near = client.get(url, {"zoom": "9", "bbox": "-10,40,10,55"}).json()["clusters"]
    singles = {c["name"]: c["url"] for c in near}
    assert singles["Ville de Lille"] == world["lille"].get_absolute_url()
    assert len(singles) == 3
    only_lyon = client.get(url, {"zoom": "9", "bbox": "4,45,6,46"}).json()["clusters"]
    assert [c["name"] for c in only_lyon] == ["Lyon Coopération"]
    members = client.get(url, {"members": "1", "bbox": "-1,44,1,45"}).json()["members"]
    assert [m["name"] for m in members] == ["Bordeaux Solidarité"]


def test_a_malformed_map_query_answers_the_whole_world(client, officer, world):
    login(client, officer)
    url = reverse("reporting:observatory_map_data")
    data = client.get(url, {"zoom": "x", "bbox": "1,nan,a"}).json()
    assert data["zoom"] == 2 and sum(c["count"] for c in data["clusters"]) == 3


def test_the_map_page_allows_the_tile_server_and_works_without_one(client, officer, settings):
    settings.OBSERVATORY_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    login(client, officer)
    response = client.get(reverse("reporting:observatory_map"))
    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data: https://*.tiles.example.org" in policy
    assert "script-src 'self';" in policy
    body = response.content.decode()
    assert 'id="observatory-map"' in body and "leaflet/leaflet.js" in body
    settings.OBSERVATORY_TILE_URL = ""
    response = client.get(reverse("reporting:observatory_map"))
    assert "img-src 'self' data:;" in response["Content-Security-Policy"]
    assert 'data-tile-url=""' in response.content.decode()


def test_tile_sources_are_origins_with_wildcards_for_placeholders():
    assert tile_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == (
        "https://tile.openstreetmap.org"
    )
    assert tile_source("http://127.0.0.1:9/{z}/{x}/{y}.png") == "http://127.0.0.1:9"
    assert tile_source("//{s}.tile.example.org/{z}/{x}/{y}.png") == "*.tile.example.org"
    assert tile_source("") == ""


def test_the_map_csv_lists_the_geolocated_organisations(client, officer, world):
    login(client, officer)
    rows = read_csv(client.get(reverse("reporting:observatory_map_csv")))
    assert [r[1] for r in rows[1:]] == ["Bordeaux Solidarité", "Lyon Coopération", "Ville de Lille"]


def test_the_graph_links_organisations_by_projects_links_and_groups(officer, world):
    graph = relationship_graph(officer, ObservatoryFilters())
    pk = {name: org.pk for name, org in world.items()}
    kinds = {(e.source, e.target, e.kind) for e in graph.edges}
    assert kinds == {
        (pk["bordeaux"], pk["lyon"], "shared_projects"),
        (pk["lille"], pk["sfax"], "shared_projects"),
        (pk["lille"], pk["sfax"], "shared_groups"),
        (pk["lille"], pk["bordeaux"], "funds"),
    }
    assert graph.nodes[0].pk == pk["lille"]  # the most connected first
    assert all(0 <= n.x <= 1 and 0 <= n.y <= 1 for n in graph.nodes)


def test_the_graph_keeps_the_most_connected_and_says_so(client, officer, world, monkeypatch):
    graph = relationship_graph(officer, ObservatoryFilters(), max_nodes=3)
    assert graph.truncated and graph.total_nodes == 4
    # Lille has three relations, Bordeaux and Sfax two, Lyon one.
    assert [n.name for n in graph.nodes] == [
        "Ville de Lille",
        "Bordeaux Solidarité",
        "Association Sfax",
    ]
    monkeypatch.setattr(
        observatory_views,
        "relationship_graph",
        lambda user, filters, **options: relationship_graph(user, filters, max_nodes=3, **options),
    )
    login(client, officer)
    body = client.get(reverse("reporting:observatory_graph")).content.decode()
    assert "only the 3 organisations with the most relations, out of 4" in body
    assert "Lyon Coopération" not in body


def test_the_graph_downloads_as_svg_and_its_edges_as_csv(client, officer, world):
    login(client, officer)
    root = parse_xml(client.get(reverse("reporting:observatory_graph_svg")).content)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "Ville de Lille" in labels and "Lyon Coopération" in labels
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert f"http://testserver{world['lille'].get_absolute_url()}" in links
    rows = read_csv(client.get(reverse("reporting:observatory_graph_csv")))
    assert rows[0] == ["Source id", "Source", "Target id", "Target", "Relation", "Weight"]
    assert ["Ville de Lille", "Bordeaux Solidarité"] in [[r[1], r[3]] for r in rows[1:]]


def test_the_graph_shows_only_the_relations_asked_for(client, officer, world):
    login(client, officer)
    rows = read_csv(client.get(reverse("reporting:observatory_graph_csv"), {"relation": "links"}))
    assert [(r[1], r[3], r[4]) for r in rows[1:]] == [
        ("Ville de Lille", "Bordeaux Solidarité", "funds")
    ]
    body = client.get(
        reverse("reporting:observatory_graph"), {"relation": "links"}
    ).content.decode()
    # A family (links) stands for its kinds.
    assert 'value="funds" checked' in body and 'value="member_of" checked' in body
    assert 'value="shared_groups" checked' not in body
    assert "Lyon Coopération" not in body
    assert "graph.svg?relation=member_of&amp;relation=partner_of&amp;relation=funds" in body


def test_names_are_escaped_in_the_inline_charts_and_graph(client, officer, world):
    hostile = OrganisationFactory(name='<script>alert("x")</script>', departement="33")
    OrganisationLink.objects.create(source=hostile, kind=LinkKind.FUNDS, target=world["lyon"])
    hostile.themes.add(Theme.objects.create(name="<b>Thème</b>"))
    login(client, officer)
    for name in ("observatory", "observatory_graph"):
        body = client.get(reverse(f"reporting:{name}")).content.decode()
        assert "<script>alert" not in body and "<b>Thème" not in body
    assert "&lt;script&gt;alert" in body


def test_the_layout_is_deterministic_and_fits_the_unit_square():
    edges = [(i, (i + 1) % 30, 1.0) for i in range(30)] + [(0, 15, 0.1)]
    first = spring_layout(30, edges)
    assert first == spring_layout(30, edges)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first)
    assert len(set(first)) == 30
