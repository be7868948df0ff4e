from .fixtures import *  # noqa: F403  (the shared fixtures; see fixtures.py)
