"""Engine and URL handling, loading, views, migrations, queries and exports."""
