"""risks pages of a project."""

urlpatterns: list = []
