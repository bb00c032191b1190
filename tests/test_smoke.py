def test_healthz_answers_ok_with_a_database_check(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_api_router_serves_the_routes_every_app_declares():
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps
    from django.urls import reverse

    declared = [
        (segment, basename)
        for config in apps.get_app_configs()
        if config.name.startswith("maillage.") and find_spec(f"{config.name}.api")
        for segment, _viewset, basename in getattr(
            import_module(f"{config.name}.api"), "ROUTES", ()
        )
    ]
    assert {"organisation", "project", "agreement"} <= {basename for _, basename in declared}
    for segment, basename in declared:
        assert reverse(f"{basename}-list") == f"/api/{segment}"
