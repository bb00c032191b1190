"""Pages of the team app: staff, assignments, leave and the team calendar (`staff.py`),
training sessions, participants, feedback and needs (`training.py`)."""
