"""What the funding area adds to the other apps' pages, and its trash cascades.

Imported at start-up (core.apps); each function applies `visible_to` itself.
"""

from __future__ import annotations
