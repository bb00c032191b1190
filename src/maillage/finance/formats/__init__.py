"""File formats of the finance app (pure functions on plain values)."""
