"""The finance app's pages, one module per subject."""
