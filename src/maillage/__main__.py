"""The `maillage` console script: Django's management entry with Maillage's settings."""

import os
import sys

ALIASES = {"bench-data": "bench_data"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.config.settings")
    from django.core.management import execute_from_command_line

    # Commands are Python modules (bench_data); the documented name has a hyphen.
    argv = [ALIASES.get(arg, arg) if i == 1 else arg for i, arg in enumerate(sys.argv)]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
