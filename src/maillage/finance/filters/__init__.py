"""The finance app's filter sets, one module per subject: the list page, its htmx
refresh, the API and exports."""
