"""The finance app's forms, one module per subject (parsing only: the services decide)."""
