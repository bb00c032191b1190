"""The results area's filter sets, one module per subject."""
