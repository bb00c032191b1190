"""The pages that read across apps: home, global search, observatory."""

from django.urls import path

from maillage.reporting.views import calendar as calendar_views
from maillage.reporting.views import home as home_views
from maillage.reporting.views import observatory as observatory_views

app_name = "reporting"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("search/", home_views.search, name="search"),
    # The user's calendar feed (iCalendar): its page, and the feed at its secret address.
    path("calendar/", calendar_views.calendar_feed_settings, name="calendar_feed_settings"),
    path("calendar/<str:secret>.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path("observatory/", observatory_views.observatory, name="observatory"),
    path(
        "observatory/figures/<slug:slug>.csv",
        observatory_views.observatory_figure,
        {"fmt": "csv"},
        name="observatory_figure_csv",
    ),
    path(
        "observatory/figures/<slug:slug>.svg",
        observatory_views.observatory_figure,
        {"fmt": "svg"},
        name="observatory_figure_svg",
    ),
    path("observatory/map/", observatory_views.observatory_map, name="observatory_map"),
    path(
        "observatory/map.json", observatory_views.observatory_map_data, name="observatory_map_data"
    ),
    path("observatory/map.csv", observatory_views.observatory_map_csv, name="observatory_map_csv"),
    path("observatory/graph/", observatory_views.observatory_graph, name="observatory_graph"),
    path(
        "observatory/graph.svg",
        observatory_views.observatory_graph_svg,
        name="observatory_graph_svg",
    ),
    path(
        "observatory/graph.csv",
        observatory_views.observatory_graph_csv,
        name="observatory_graph_csv",
    ),
]
