"""The team's write path: staff, assignments and leave (`staff.py`); training sessions,
participants, feedback and needs (`training.py`). Importing this package registers every
service (core.apps imports it at start-up)."""

from maillage.team.services import staff, training  # noqa: F401
