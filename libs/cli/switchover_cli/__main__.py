"""`python -m switchover_cli` is the `switchover` command."""

from switchover_cli.main import main

raise SystemExit(main())
