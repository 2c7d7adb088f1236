"""``python -m avs_geo``: the same command line as ``avs-geo``."""

from avs_geo.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
