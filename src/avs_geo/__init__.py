"""avs_geo."""
