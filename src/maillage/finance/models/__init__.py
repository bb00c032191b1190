"""The models of the finance app, one module per entity family."""
