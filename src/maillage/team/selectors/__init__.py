"""Reads of the team app: staff, assignments, leave and the team calendar (`staff.py`),
training sessions, their results and the matching of needs (`training.py`)."""
