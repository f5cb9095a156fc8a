"""``python -m atlas.export``: the council presentation files from the command line."""

from atlas.export.council import main

raise SystemExit(main())
