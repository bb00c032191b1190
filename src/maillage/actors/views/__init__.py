"""Pages of the actors area, one module per entity."""
