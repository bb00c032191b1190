"""The funding area's write path: one module per subject (instruments and plans: F1's
`instruments.py`, `plans.py`; calls, applications and grants: `calls.py`, `grants.py`,
the deadline alerts: `alerts.py`). Importing this package registers every service
(core.apps imports it at start-up): each module is imported below."""

from maillage.funding.services import alerts, calls, grants, instruments, plans  # noqa: F401
