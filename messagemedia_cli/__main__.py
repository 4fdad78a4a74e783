"""``python -m messagemedia_cli``: the same as the ``messagemedia`` command."""

from messagemedia_cli.app import main

raise SystemExit(main())
