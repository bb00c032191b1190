"""The funding area's forms, one module per subject."""
