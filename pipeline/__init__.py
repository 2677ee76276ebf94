"""Prefect flows and tasks (discover, download, parse, load) and the `kompass` CLI."""
