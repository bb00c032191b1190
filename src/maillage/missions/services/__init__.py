"""The missions app's write path, one module per entity family. Importing this package
registers every service (core.apps imports it at start-up)."""

from maillage.missions.services import meetings, mission_rows, missions  # noqa: F401
