"""``python -m avs_geo``: the same command line as ``avs-geo``."""

from avs_geo.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    raise SystemExit(main())
