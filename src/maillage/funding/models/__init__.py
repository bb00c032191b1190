"""Funding sought by the authority: donors' instruments and their rules, calls,
applications, grants and each project's co-financing plan."""
