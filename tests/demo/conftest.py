"""The demo built once per test module: `built_demo` lives in tests/conftest.py so that
the crawlers share it too."""
