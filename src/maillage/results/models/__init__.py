"""The models of the results app, one module per entity family."""
