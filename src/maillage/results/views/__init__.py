"""The results area's pages, one module per subject."""
