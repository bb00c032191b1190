"""Where Maillage keeps its data on disk."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _default_var_dir() -> Path:
    # In a source checkout (src layout) the data lives in <repo>/var; an installed
    # package keeps it beside the current directory unless VAR_DIR says otherwise.
    src = PACKAGE_DIR.parent
    if src.name == "src" and (src.parent / "pyproject.toml").exists():
        return src.parent / "var"
    return Path.cwd() / "var"


PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR") or _default_var_dir()).resolve()
