from .fixtures import *  # noqa: F403  (see fixtures.py)
