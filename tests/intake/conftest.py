"""The intake tests use the office's fixtures (alice_booking) and its signed-in clients."""

from tests.office.conftest import alice_booking

__all__ = ["alice_booking"]
