"""The funding area's reads reused by pages, the API and reports, one module per subject
(plans' check: F1; calls, deadlines and success figures: `calls.py`; grants: `grants.py`)."""
