"""Reader: a desktop reader for saved articles with entity highlights and notes."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reader")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

APP_NAME = "Reader"
APP_ID = "org.readerapp.Reader"
