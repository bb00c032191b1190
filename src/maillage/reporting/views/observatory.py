"""The observatory's pages: counts, map and relationship graph, and their downloads.

Every figure is downloadable as CSV (formula-safe) and as the SVG shown on the page. The map
page allows the configured tile server in its own Content-Security-Policy (img-src).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from maillage.actors.models import Organisation, OrganisationType
from maillage.core.exports import FORMATS, write_table
from maillage.core.reference import region_choices
from maillage.core.security import build_policy
from maillage.core.typeahead import TypeaheadSelect
from maillage.reporting.observatory import (
    ObservatoryFilters,
    cached_for_staff,
    compute_figures,
    find_figure,
    organisations_for,
)
from maillage.reporting.observatory_graph import (
    GRAPH_MAX_NODES,
    RELATION_ALIASES,
    RELATIONS,
    Graph,
    edge_label,
    relation_edges,
    relationship_graph,
)
from maillage.reporting.observatory_map import geolocated, map_bounds, map_clusters, map_members
from maillage.reporting.observatory_svg import (
    EDGE_STYLES,
    XML_DECLARATION,
    EdgeStyle,
    legend_entries,
    render_graph,
)

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
MAX_ZOOM = 18


def tile_url() -> str:
    return getattr(settings, "OBSERVATORY_TILE_URL", DEFAULT_TILE_URL)


def tile_attribution() -> str:
    return getattr(settings, "OBSERVATORY_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION)


def tile_source(url: str) -> str:
    """The CSP source of a tile URL template: `https://{s}.tile.example.org/{z}/…` →
    `https://*.tile.example.org`; "" when there is no tile server."""
    parts = urlsplit(url)
    host = re.sub(r"\{[^}]*\}", "*", parts.netloc)
    if not host:
        return ""
    return f"{parts.scheme}://{host}" if parts.scheme else host


def allow_tiles(response: HttpResponse) -> HttpResponse:
    """Add the tile server to img-src of this response's policy (the middleware then
    leaves a policy a view has set alone)."""
    source = tile_source(tile_url())
    for header, setting in (
        ("Content-Security-Policy", "SECURE_CSP"),
        ("Content-Security-Policy-Report-Only", "SECURE_CSP_REPORT_ONLY"),
    ):
        policy = getattr(settings, setting, None)
        if not policy or not source:
            continue
        policy = dict(policy)
        img = policy.get("img-src") or ["'self'"]
        img = img.split() if isinstance(img, str) else list(img)
        if source not in img:
            img.append(source)
        policy["img-src"] = img
        response.headers[header] = build_policy(policy)
    return response


class ObservatoryFilterForm(forms.Form):
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["region"].choices = every + region_choices()
        self.fields["type"].choices = every + list(OrganisationType.choices)


def _context(request: HttpRequest, tab: str) -> tuple[ObservatoryFilters, dict[str, Any]]:
    filters = ObservatoryFilters.from_query(request.GET)
    form = ObservatoryFilterForm(initial={"region": filters.region, "type": filters.type})
    query = filters.querystring()
    return filters, {"tab": tab, "filters": filters, "form": form, "query": query}


def _svg(markup: str) -> SafeString:
    # Every text in it went through html.escape in observatory_svg, or a template's
    # autoescape (a figure's section).
    return mark_safe(markup)  # noqa: S308


def _download(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(headers: list[str], rows: list[list[Any]], filename: str) -> HttpResponse:
    return _download(write_table("csv", headers, rows), FORMATS["csv"][0], filename)


def _svg_file(markup: str, filename: str) -> HttpResponse:
    return _download(XML_DECLARATION + markup, "image/svg+xml; charset=utf-8", filename)


@login_required
@require_GET
def observatory(request: HttpRequest) -> HttpResponse:
    filters, context = _context(request, "counts")
    query = context["query"]

    def sections() -> list[tuple[str, str, str]]:
        # Thousands of formatted numbers: rendered once for every staff user alike.
        return [
            (
                f.slug,
                f.title,
                render_to_string(
                    "reporting/observatory_figure.html", {"figure": f, "query": query}
                ),
            )
            for f in compute_figures(request.user, filters)
        ]

    context["sections"] = [
        (slug, title, _svg(html))
        for slug, title, html in cached_for_staff(request.user, ("sections", filters), sections)
    ]
    return render(request, "reporting/observatory.html", context)


@login_required
@require_GET
def observatory_figure(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    figure = find_figure(request.user, ObservatoryFilters.from_query(request.GET), slug)
    if figure is None or fmt not in {"csv", "svg"}:
        raise Http404
    filename = f"observatory-{slug}.{fmt}"
    if fmt == "csv":
        return _csv(figure.headers, figure.table_rows, filename)
    return _download(figure.chart.svg_file(), "image/svg+xml; charset=utf-8", filename)


@login_required
@require_GET
def observatory_map(request: HttpRequest) -> HttpResponse:
    filters, context = _context(request, "map")
    located = geolocated(request.user, filters)
    context.update(
        located_count=located.count(),
        organisation_count=organisations_for(request.user, filters).count(),
        bounds=json.dumps(map_bounds(request.user, filters)),
        tile_url=tile_url(),
        tile_attribution=getattr(
            settings, "OBSERVATORY_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION
        ),
    )
    return allow_tiles(render(request, "reporting/observatory_map.html", context))


def _float(value: str, low: float, high: float) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return min(high, max(low, number))


def _bbox(value: str) -> tuple[float, float, float, float] | None:
    """`west,south,east,north` from Leaflet, clamped to the world; None for the whole
    world or a malformed box."""
    try:
        west, south, east, north = (v.strip() for v in value.split(","))
        box = (
            _float(west, -540, 540),
            _float(south, -90, 90),
            _float(east, -540, 540),
            _float(north, -90, 90),
        )
    except ValueError:
        return None
    if box[2] - box[0] >= 360:
        return None
    # A view scrolled past the antimeridian: bring longitudes back into [-180, 180].
    west, east = ((box[0] + 180) % 360) - 180, ((box[2] + 180) % 360) - 180
    return (west, box[1], east, box[3])


@login_required
@require_GET
def observatory_map_data(request: HttpRequest) -> JsonResponse:
    """Clusters for Leaflet: `?zoom=Z&bbox=west,south,east,north` (and the page filters);
    with `members=1`, the organisations inside the box instead (a cluster at one spot)."""
    filters = ObservatoryFilters.from_query(request.GET)
    try:
        zoom = min(MAX_ZOOM, max(0, int(request.GET.get("zoom", "2"))))
    except ValueError:
        zoom = 2
    bbox = _bbox(request.GET.get("bbox", ""))
    if request.GET.get("members") == "1" and bbox:
        return JsonResponse({"members": map_members(request.user, filters, bbox=bbox)})
    clusters = map_clusters(request.user, filters, zoom=zoom, bbox=bbox)
    return JsonResponse({"zoom": zoom, "clusters": clusters})


@login_required
@require_GET
def observatory_map_csv(request: HttpRequest) -> HttpResponse:
    filters = ObservatoryFilters.from_query(request.GET)
    rows = [
        [r["pk"], r["name"], r["city"], r["country"], r["latitude"], r["longitude"]]
        for r in geolocated(request.user, filters)
        .values("pk", "name", "city", "country", "latitude", "longitude")
        .order_by("name", "pk")
    ]
    headers = [_("Id"), _("Name"), _("City"), _("Country"), _("Latitude"), _("Longitude")]
    return _csv(headers, rows, "observatory-map.csv")


class FocusForm(forms.Form):
    """The organisation the graph centres on: a type-ahead among those the user may see."""

    focus = forms.ModelChoiceField(
        label=gettext_lazy("Centred on"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("The whole network"),
        widget=TypeaheadSelect("actors:organisation_choices"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["focus"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.visible_to(user)


def _focus(request: HttpRequest) -> tuple[FocusForm, Organisation | None]:
    """The form and the organisation of `?focus=<id>` when the user may see it."""
    form = FocusForm(request.GET, user=request.user)
    try:
        focus = form.cleaned_data["focus"] if form.is_valid() else None
    except OverflowError:  # an id no integer column holds (SQLite): no choice
        focus = None
    return form, focus


def _relations(request: HttpRequest) -> list[str]:
    """The kinds of relations asked for (`?relation=shared_projects&relation=funds`, or a
    family: `projects`, `agreements`, `links`, `groups`); all when none."""
    asked = set()
    for value in request.GET.getlist("relation"):
        asked.update(RELATION_ALIASES.get(value, (value,)))
    chosen = [r for r in RELATIONS if r in asked]
    return chosen or list(RELATIONS)


def _graph_query(
    filters: ObservatoryFilters, relations: list[str], focus: Organisation | None = None
) -> str:
    extra = "" if relations == list(RELATIONS) else urlencode({"relation": relations}, doseq=True)
    centred = f"focus={focus.pk}" if focus else ""
    return "&".join(q for q in (filters.querystring(), extra, centred) if q)


def _graph_texts(graph: Graph, focus: Organisation | None) -> tuple[str, str]:
    if focus is None:
        title = _("Relations between organisations")
    else:
        title = _("Relations of %(name)s") % {"name": focus.name}
    description = _(
        "Organisations linked by shared projects, shared agreements, standing links "
        "(membership, partnership, funding) and shared working groups. Circles are "
        "coloured by type of organisation and sized by their relations; names are written "
        "where they fit (point at a circle for the others)."
    )
    if graph.truncated:
        if focus is None:
            note = _("Only the %(shown)d most connected of %(total)d organisations are drawn.")
            description += " " + note % {"shown": len(graph.nodes), "total": graph.total_nodes}
        else:
            note = _("Only the %(shown)d closest of its %(total)d neighbours are drawn.")
            description += " " + note % {
                "shown": len(graph.nodes) - 1,
                "total": graph.total_nodes,
            }
    return title, description


def _relation_choices(relations: list[str]) -> list[tuple[str, str, bool, EdgeStyle]]:
    return [(kind, edge_label(kind), kind in relations, EDGE_STYLES[kind]) for kind in RELATIONS]


@login_required
@require_GET
def observatory_graph(request: HttpRequest) -> HttpResponse:
    filters, context = _context(request, "graph")
    relations = _relations(request)
    focus_form, focus = _focus(request)
    graph = relationship_graph(
        request.user, filters, relations=relations, focus=focus.pk if focus else None
    )
    title, description = _graph_texts(graph, focus)
    svg = render_graph(graph, title=title, description=description, edge_label=edge_label)
    query = _graph_query(filters, relations)
    context.update(
        graph=graph,
        focus=focus,
        focus_form=focus_form,
        title=title,
        max_nodes=GRAPH_MAX_NODES,
        svg=_svg(svg),
        description=description,
        legend=legend_entries(graph, edge_label),
        most_connected=graph.nodes[:20],
        relation_choices=_relation_choices(relations),
        graph_query=_graph_query(filters, relations, focus),
        unfocused_query=query,
        focus_prefix=f"?{query}&focus=" if query else "?focus=",
    )
    return render(request, "reporting/observatory_graph.html", context)


@login_required
@require_GET
def observatory_graph_svg(request: HttpRequest) -> HttpResponse:
    filters = ObservatoryFilters.from_query(request.GET)
    _form, focus = _focus(request)
    graph = relationship_graph(
        request.user, filters, relations=_relations(request), focus=focus.pk if focus else None
    )
    title, description = _graph_texts(graph, focus)
    # Links in a downloaded file lead back to this server.
    prefix = request.build_absolute_uri("/").rstrip("/")
    markup = render_graph(
        graph,
        title=title,
        description=description,
        url_prefix=prefix,
        edge_label=edge_label,
        legend=True,
    )
    return _svg_file(markup, "observatory-graph.svg")


@login_required
@require_GET
def observatory_graph_csv(request: HttpRequest) -> HttpResponse:
    """Every relation (not only those drawn), one row per pair and kind; with a focus,
    every relation of that organisation."""
    filters = ObservatoryFilters.from_query(request.GET)
    _form, focus = _focus(request)
    edges = relation_edges(
        request.user, filters, _relations(request), touching=focus.pk if focus else None
    )
    names = dict(organisations_for(request.user, filters).values_list("pk", "name").order_by())
    headers = [
        _("Source id"),
        _("Source"),
        _("Target id"),
        _("Target"),
        _("Relation"),
        _("Weight"),
    ]
    rows = [
        [e.source, names.get(e.source, ""), e.target, names.get(e.target, ""), e.label, e.weight]
        for e in edges
    ]
    return _csv(headers, rows, "observatory-relations.csv")
