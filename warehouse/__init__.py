"""The warehouse: engine and URL handling, loading, views, migrations, queries and exports."""

from importlib import metadata


def kompass_version() -> str:
    """The installed package's version, for captions, exports and `kompass --version`."""
    try:
        return metadata.version("kompass")
    except metadata.PackageNotFoundError:  # a checkout that was never installed
        return "unknown"
