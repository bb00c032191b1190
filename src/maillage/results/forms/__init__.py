"""The results area's forms, one module per subject. Forms only parse: the rules are the
services'."""
