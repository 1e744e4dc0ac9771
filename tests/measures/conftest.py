"""The library's test cast (cast.py) as a fixture for every test module here."""

from .cast import cast  # noqa: F401
