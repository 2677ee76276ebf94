"""Where kompass keeps its data when no option says otherwise.

Run from a checkout (the source tree with its pyproject.toml, e.g. after `pip install -e .`),
everything stays in the checkout, as the README describes: `warehouse/kommunkompassen.db`,
`raw_reports/`, `.prefect/`. Installed from a wheel, the package's folder is no place for data
(site-packages may be read-only, and is replaced on upgrade): then it is the user's data
folder (platformdirs: `~/.local/share/kompass` on Linux, `$XDG_DATA_HOME/kompass` when set).
"""

from __future__ import annotations

from pathlib import Path

#: The folder above the packages: the checkout, when kompass runs from one.
CHECKOUT = Path(__file__).resolve().parent.parent


def in_checkout() -> bool:
    """Whether kompass runs from its source tree (not from an installed wheel)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "warehouse").is_dir()


def data_dir() -> Path:
    """The folder for the default warehouse, raw reports and Prefect state: the checkout, or
    the user's data folder (not created here)."""
    if in_checkout():
        return CHECKOUT
    import platformdirs

    return platformdirs.user_data_path("kompass")


def default_database() -> Path:
    return (
        CHECKOUT / "warehouse" / "kommunkompassen.db"
        if in_checkout()
        else data_dir() / "kommunkompassen.db"
    )


def default_raw_dir() -> Path:
    return data_dir() / "raw_reports"


def default_prefect_home() -> Path:
    return data_dir() / ".prefect" if in_checkout() else data_dir() / "prefect"
