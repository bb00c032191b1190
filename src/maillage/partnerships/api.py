"""The partnerships area's API resources, registered by config/api.py."""

# (URL segment, viewset, basename)
ROUTES: list = []
