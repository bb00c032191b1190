"""The projects area's forms, one module per subject; import them from here."""

from maillage.projects.forms.planning import (
    ActivityForm,
    DependencyForm,
    MilestoneForm,
    TaskForm,
    TaskStatusForm,
)
from maillage.projects.forms.projects import (
    LocationForm,
    MembershipForm,
    PartnerForm,
    PolicyMarkerForm,
    ProgrammeForm,
    ProjectForm,
    SectorFormSet,
    StrategyForm,
)
from maillage.projects.forms.risks import RiskForm
from maillage.projects.forms.updates import AttachmentsField, FieldUpdateForm

__all__ = [
    "ActivityForm",
    "AttachmentsField",
    "DependencyForm",
    "FieldUpdateForm",
    "LocationForm",
    "MembershipForm",
    "MilestoneForm",
    "PartnerForm",
    "PolicyMarkerForm",
    "ProgrammeForm",
    "ProjectForm",
    "RiskForm",
    "SectorFormSet",
    "StrategyForm",
    "TaskForm",
    "TaskStatusForm",
]
