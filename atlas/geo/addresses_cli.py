"""``python -m atlas.geo.addresses fetch|info``: download or describe the address gazetteer."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from atlas import texts
from atlas.errors import AtlasError
from atlas.geo.addresses import fetch_address_points, read_manifest, save_address_points

T = texts.NEARBY


def main(argv: Sequence[str] | None = None) -> int:
    """Fetch the L134 address points into the cache, or print the cache's manifest."""
    from atlas.city import load_city
    from atlas.settings import load_config

    args = list(sys.argv[1:] if argv is None else argv)
    if args not in (["fetch"], ["info"]):
        print(T["addresses_cli_usage"], file=sys.stderr)
        return 2
    try:
        config = load_config()
        cache_dir = config.path("CACHE_DIR")
        if args == ["fetch"]:
            city = load_city(config.path("CITY_FILE"))
            points = fetch_address_points(config, city)
            url = f"{city.sources['ogcapi']['base_url']}/{city.sources['ogcapi']['address_layer']}"
            path = save_address_points(points, cache_dir, url=url)
            print(T["addresses_saved"].format(count=len(points), path=path))
            return 0
        manifest = read_manifest(cache_dir)
        if manifest is None:
            print(T["addresses_none"].format(path=cache_dir))
            return 1
        for key, value in manifest.items():
            print(f"{key}: {value}")
        return 0
    except (AtlasError, OSError) as e:
        print(str(e), file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
