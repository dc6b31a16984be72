from reader.cli import main

# Guarded: worker processes (reader.core.parallel, started with "spawn") import the
# main module again, and must not start Reader a second time.
if __name__ == "__main__":
    raise SystemExit(main())
