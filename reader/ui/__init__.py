"""The Qt front end: thin widgets that call reader.core.library, never SQL or spaCy."""
