"""The projects area's write path: one module per subject, each declaring the services
of its entities (`core.services.ModelService`) and its workflows (`do_x(*, …, by)`).

Importing this package registers every service (core.apps imports it at start-up)."""

from maillage.projects.services.planning import (
    ActivityService,
    DependencyService,
    MilestoneService,
    PlanItemService,
    TaskService,
    move_task,
    set_predecessors,
    shift_dependants,
    update_plan_item,
)
from maillage.projects.services.projects import (
    ProgrammeService,
    ProjectLocationService,
    ProjectMembershipService,
    ProjectPartnerService,
    ProjectPolicyMarkerService,
    ProjectSectorService,
    ProjectService,
    StrategyService,
    check_new_project_code,
    check_sectors,
    set_sectors,
)
from maillage.projects.services.risks import RiskService
from maillage.projects.services.updates import (
    FieldUpdateService,
    UpdateAttachmentService,
    store_attachment,
)

__all__ = [
    "ActivityService",
    "DependencyService",
    "FieldUpdateService",
    "MilestoneService",
    "PlanItemService",
    "ProgrammeService",
    "ProjectLocationService",
    "ProjectMembershipService",
    "ProjectPartnerService",
    "ProjectPolicyMarkerService",
    "ProjectSectorService",
    "ProjectService",
    "RiskService",
    "StrategyService",
    "TaskService",
    "UpdateAttachmentService",
    "check_new_project_code",
    "check_sectors",
    "move_task",
    "set_predecessors",
    "set_sectors",
    "shift_dependants",
    "store_attachment",
    "update_plan_item",
]
