"""The widgets of effect follow-up: the dashboard, an effect's page and charts, the report."""
