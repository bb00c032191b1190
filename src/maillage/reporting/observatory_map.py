"""The observatory map's reads: geolocated organisations, clustered on the server.

Clusters are counted in the database on a grid of about `CLUSTER_PIXELS` screen pixels at
the map's zoom; neighbouring cells are then merged so that a town on a cell border stays one
cluster. Leaflet draws what `map_clusters` returns (see static/reporting/observatory-map.js).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, FloatField, Max, Min, QuerySet
from django.db.models.functions import Cast, Floor
from django.urls import reverse

from maillage.actors.models import Organisation
from maillage.reporting.observatory import ObservatoryFilters, organisations_for

# Map markers closer than this many screen pixels at the current zoom form one cluster.
CLUSTER_PIXELS = 60


def geolocated(user: Any, filters: ObservatoryFilters) -> QuerySet[Organisation]:
    return organisations_for(user, filters).filter(latitude__isnull=False, longitude__isnull=False)


def map_bounds(user: Any, filters: ObservatoryFilters) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the geolocated organisations, or None."""
    b = geolocated(user, filters).aggregate(
        s=Min("latitude"), n=Max("latitude"), w=Min("longitude"), e=Max("longitude")
    )
    if b["s"] is None:
        return None
    return [[float(b["s"]), float(b["w"])], [float(b["n"]), float(b["e"])]]


def map_clusters(
    user: Any,
    filters: ObservatoryFilters,
    *,
    zoom: int,
    bbox: tuple[float, float, float, float] | None = None,
) -> list[dict[str, Any]]:
    """Geolocated organisations grouped on a grid whose cells are about `CLUSTER_PIXELS`
    wide at `zoom`, within `bbox` (west, south, east, north) when given.

    A cluster of one carries the organisation's id, name and page.
    """
    qs = geolocated(user, filters)
    if bbox:
        west, south, east, north = bbox
        qs = qs.filter(latitude__gte=south, latitude__lte=north)
        if west <= east:  # a box across the antimeridian keeps every longitude
            qs = qs.filter(longitude__gte=west, longitude__lte=east)
    cell = CLUSTER_PIXELS * 360 / (256 * 2**zoom)
    lat = Cast("latitude", FloatField())
    lon = Cast("longitude", FloatField())
    cells = (
        qs.annotate(cx=Floor((lon + 180) / cell), cy=Floor((lat + 90) / cell))
        .values("cx", "cy")
        .annotate(
            count=Count("pk"),
            lat=Avg(lat),
            lon=Avg(lon),
            south=Min(lat),
            north=Max(lat),
            west=Min(lon),
            east=Max(lon),
            first_pk=Min("pk"),
            first_name=Min("name"),
        )
        .order_by("-count", "cy", "cx")
    )
    result = []
    for c in _merge_neighbours(list(cells), cell):
        item: dict[str, Any] = {
            "lat": round(c["lat"], 6),
            "lon": round(c["lon"], 6),
            "count": c["count"],
            "bounds": [[c["south"], c["west"]], [c["north"], c["east"]]],
        }
        if c["count"] == 1:
            item["id"] = c["first_pk"]
            item["name"] = c["first_name"]
            item["url"] = reverse("actors:organisation_detail", args=[c["first_pk"]])
        result.append(item)
    return result


def _merge_neighbours(cells: list[dict[str, Any]], distance: float) -> list[dict[str, Any]]:
    """Greedily merge grid cells whose centres are closer than `distance` degrees, largest
    first: a grid alone splits a town that straddles a cell border. Works on the few
    hundred aggregated cells of a view, not on organisations."""
    if len(cells) > 2000:  # a whole-world view at street zoom: the grid is enough
        return cells
    merged: list[dict[str, Any]] = []
    for c in cells:
        near = next(
            (
                m
                for m in merged
                if abs(m["lat"] - c["lat"]) < distance and abs(m["lon"] - c["lon"]) < distance
            ),
            None,
        )
        if near is None:
            merged.append(dict(c))
            continue
        total = near["count"] + c["count"]
        near["lat"] = (near["lat"] * near["count"] + c["lat"] * c["count"]) / total
        near["lon"] = (near["lon"] * near["count"] + c["lon"] * c["count"]) / total
        near["count"] = total
        near["south"], near["north"] = (
            min(near["south"], c["south"]),
            max(near["north"], c["north"]),
        )
        near["west"], near["east"] = min(near["west"], c["west"]), max(near["east"], c["east"])
    return merged


def map_members(
    user: Any,
    filters: ObservatoryFilters,
    *,
    bbox: tuple[float, float, float, float],
    limit: int = 50,
) -> list[dict[str, Any]]:
    """The organisations inside `bbox` (a cluster whose members share one spot)."""
    west, south, east, north = bbox
    rows = (
        geolocated(user, filters)
        .filter(latitude__gte=south, latitude__lte=north)
        .filter(longitude__gte=west, longitude__lte=east)
        .values_list("pk", "name")
        .order_by("name", "pk")[:limit]
    )
    return [
        {"id": pk, "name": name, "url": reverse("actors:organisation_detail", args=[pk])}
        for pk, name in rows
    ]
