"""Qt-free core of Reader: articles, entities, the store and the use cases.

Nothing under this package may import Qt (a test enforces it), so the CLI,
the benchmarks and the tests run without a display.
"""
