"""`python -m messagemedia_sandbox` is the `messagemedia-sandbox` command."""

from .cli import main

raise SystemExit(main())
