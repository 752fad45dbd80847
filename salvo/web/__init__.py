"""`salvo serve`: the JSON API (api.py) and the dashboard pages (server.py + static/)."""
