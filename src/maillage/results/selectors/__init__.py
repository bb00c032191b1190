"""The results area's reads reused by pages, the API, exports and reports, one module per
subject: the logframe tree and matrix (`logframe.py`), an indicator's page
(`indicators.py`); the values workflow and dashboards add theirs."""
