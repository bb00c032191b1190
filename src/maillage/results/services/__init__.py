"""The results area's write path, one module per subject: the logframe's levels and
assumptions (`logframe.py`), indicators, disaggregations and common definitions
(`indicators.py`), periods with their targets (`periods.py`); values are in `values*.py`.
Importing this package registers every service (core.apps imports it at start-up)."""

import importlib
import pkgutil

# Every module of the package, those of the values workflow included, without each
# helper editing this line.
for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")
