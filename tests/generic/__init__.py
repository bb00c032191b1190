"""The generic suites: every entity's pages and API per role, query counts, filters,
sorting, exports, the parity of the doors and the conventions, fed by `entities.ENTITIES`."""
