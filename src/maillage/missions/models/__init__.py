"""The models of the missions app, one module per entity family."""
