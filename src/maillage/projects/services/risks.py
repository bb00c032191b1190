"""Writes of the risk register."""

from __future__ import annotations

from maillage.core.services import ModelService
from maillage.projects.models import Risk


class RiskService(ModelService[Risk]):
    """A risk of a project: its single-row rules (levels from 1 to 5) are the model's;
    a risk deleted goes to the trash."""

    model = Risk
