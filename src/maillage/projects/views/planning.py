"""planning pages of a project."""

urlpatterns: list = []
