"""PyInstaller entry script for the `reader` bundle (see packaging/reader.spec)."""

from reader.cli import main

raise SystemExit(main())
