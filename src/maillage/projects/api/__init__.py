"""The projects area's API, one module per subject. `ROUTES` lists its resources as
(URL segment, viewset, basename); config/api.py registers every app's ROUTES."""

from maillage.projects.api.planning import ActivityViewSet, MilestoneViewSet, TaskViewSet
from maillage.projects.api.projects import ProgrammeViewSet, ProjectViewSet, StrategyViewSet
from maillage.projects.api.risks import RiskViewSet
from maillage.projects.api.updates import FieldUpdateViewSet

ROUTES = [
    ("strategies", StrategyViewSet, "strategy"),
    ("programmes", ProgrammeViewSet, "programme"),
    ("projects", ProjectViewSet, "project"),
    ("activities", ActivityViewSet, "activity"),
    ("tasks", TaskViewSet, "task"),
    ("milestones", MilestoneViewSet, "milestone"),
    ("risks", RiskViewSet, "risk"),
    ("updates", FieldUpdateViewSet, "fieldupdate"),
]
