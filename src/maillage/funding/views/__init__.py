"""The funding area's pages, one module per subject (instruments and plans; calls and
applications: `calls.py`; grants: `grants.py`; success figures: `figures.py`)."""
