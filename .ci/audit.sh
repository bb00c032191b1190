#!/usr/bin/env bash
# Dependency audit: every locked package against the known-vulnerability advisories.
#
#   exit 1  a locked package has a known vulnerability, or pip-audit itself failed
#   exit 0  none known; or the advisory service could not be reached or did not answer
#           for some packages: then a WARNING says which, since "no vulnerability found"
#           would be a lie (pip-audit alone exits 0 when every package is skipped)
#
# Extra arguments go to pip-audit (e.g. `-s osv`, `--ignore-vuln GHSA-…` with a reason).
# PIP_AUDIT and PYTHON may point elsewhere (tests of this script use a stand-in).
set -uo pipefail
cd "$(dirname "$0")/.."

PIP_AUDIT=${PIP_AUDIT:-.venv/bin/pip-audit}
PYTHON=${PYTHON:-.venv/bin/python}
report=$(mktemp)
log=$(mktemp)
trap 'rm -f "$report" "$log"' EXIT

# Hashed locks: nothing is resolved or installed, the pins are audited as they are.
"$PIP_AUDIT" -r requirements/base.lock -r requirements/dev.lock --require-hashes \
  --disable-pip --progress-spinner off --format json --output "$report" "$@" >"$log" 2>&1
status=$?

"$PYTHON" - "$status" "$report" "$log" <<'PY'
import json
import re
import sys

status, report_path, log_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
log = open(log_path, encoding="utf-8", errors="replace").read()
raw = open(report_path, encoding="utf-8", errors="replace").read().strip()
try:
    dependencies = json.loads(raw)["dependencies"] if raw else []
except (ValueError, KeyError, TypeError):
    dependencies = None

UNREACHABLE = re.compile(
    r"ConnectionError|VulnServiceConnectionError|NameResolutionError|Max retries exceeded"
    r"|Failed to establish a new connection|Temporary failure in name resolution"
    r"|Name or service not known|timed out|ReadTimeout|ConnectTimeout|SSLError|ProxyError"
    r"|network may be blocking|\b50[234]\b"
)


def warn(message, details=""):
    print(f"WARNING: dependency audit not done: {message}")
    if details:
        print(details)
    print("The audit must be run where the advisory service is reachable before a release.")
    sys.exit(0)


if dependencies is not None:
    vulnerable = [d for d in dependencies if d.get("vulns")]
    if vulnerable:
        print("FAILED: known vulnerabilities in locked dependencies:")
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
                aliases = ", ".join(vuln.get("aliases") or [])
                print(
                    f"  {dep['name']}=={dep.get('version', '?')}: {vuln['id']}"
                    + (f" ({aliases})" if aliases else "")
                    + f"; fixed in {fixes}"
                )
        print("Raise the pin in pyproject.toml, run `make lock`, and run the tests.")
        sys.exit(1)

if status == 0 and dependencies is not None:
    skipped = [d for d in dependencies if d.get("skip_reason")]
    skipped_names = sorted({d["name"] for d in skipped})
    if skipped and len(skipped_names) == len({d["name"] for d in dependencies}):
        warn(
            f"the advisory service answered for none of the {len(skipped_names)} packages",
            f"  e.g. {skipped[0]['skip_reason']}",
        )
    if skipped:
        warn(f"{len(skipped_names)} packages could not be audited: {', '.join(skipped_names)}")
    print("Dependency audit: no known vulnerabilities.")
    sys.exit(0)

if UNREACHABLE.search(log):
    last = [line for line in log.strip().splitlines() if line.strip()][-3:]
    warn("the advisory service cannot be reached", "\n".join(f"  {line}" for line in last))

print(f"FAILED: pip-audit stopped with exit code {status}:")
print(log)
sys.exit(1)
PY
