"""The factories live in tests/factories.py; this name stays for the demo tests that import it."""

from tests.factories import ServiceFactory, UserFactory

__all__ = ["ServiceFactory", "UserFactory"]
