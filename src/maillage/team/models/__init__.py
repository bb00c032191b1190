"""The models of the team app, one module per entity family."""
