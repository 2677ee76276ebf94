"""`python -m pipeline.cli`: the same as the `kompass` console script."""

from pipeline.cli import main

main()
