"""A spreadsheet opened by a real reader, LibreOffice: the one conversion the export tests
share. Its first sheet comes back as CSV rows, read as LibreOffice understood the file.

LibreOffice is required in CI (`.ci/run` installs libreoffice-calc-nogui): there a
missing program fails the test; on a development machine without it the test skips.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

# CSV filter options: comma (44), double quotes (34), UTF-8 (76), so that French accents
# come back as typed; cells as shown.
AS_SHOWN = "44,34,76"
# The same with the cells' raw values instead of as shown (the 9th token), first sheet.
RAW_VALUES = "44,34,76,1,,0,false,true,false,false,false,1"


def libreoffice() -> str:
    """The LibreOffice program, or the test skips (fails in CI)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (.ci/run installs libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed: apt-get install libreoffice-calc-nogui")
    return office


def libreoffice_csv(
    content: bytes, suffix: str, tmp_path: Path, options: str = AS_SHOWN
) -> list[list[str]]:
    """The rows of the first sheet of `content` (an .xlsx or .ods file) as LibreOffice
    reads them."""
    office = libreoffice()
    work = tmp_path / f"office-{suffix}"
    work.mkdir()
    source = work / f"file.{suffix}"
    source.write_bytes(content)
    subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{work}/profile",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    # (With a sheet chosen in the options, LibreOffice adds the sheet's name to the file's.)
    [written] = list(work.glob("*.csv"))
    text = written.read_text(encoding="utf-8", errors="replace")
    return list(csv.reader(io.StringIO(text)))
