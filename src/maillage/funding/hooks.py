"""What the funding area adds to the other apps' pages, and its trash cascades.

Imported at start-up (core.apps); each function applies `visible_to` itself.
"""

from __future__ import annotations

# Calls, applications and grants: their hooks are in hooks_calls (F2).
from maillage.funding import hooks_calls  # noqa: E402, F401
