app_name = "team"

urlpatterns: list = []
