"""updates pages of a project."""

urlpatterns: list = []
