"""plan_io pages of a project."""

urlpatterns: list = []
