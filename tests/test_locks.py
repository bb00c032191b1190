"""The two lock files install one set of versions: the dev lock adds the test tools to the
base lock, it never pins a package of the base lock at another version (pip-audit, which
reads both, refuses a package pinned twice differently, and `make test` would not test
what `make run` installs)."""

import re
from pathlib import Path

LOCKS = Path(__file__).resolve().parent.parent / "requirements"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s\\]+)", re.M)


def pins(name: str) -> dict[str, str]:
    text = (LOCKS / name).read_text(encoding="utf-8")
    return {package.lower(): version for package, version in PIN.findall(text)}


def test_the_dev_lock_pins_the_base_packages_at_the_base_versions():
    base, dev = pins("base.lock"), pins("dev.lock")
    assert len(base) > 50 and len(dev) > len(base)
    differing = {
        name: (version, dev.get(name)) for name, version in base.items() if dev.get(name) != version
    }
    assert not differing, f"base.lock → dev.lock: {differing} (make lock with --upgrade-package)"
