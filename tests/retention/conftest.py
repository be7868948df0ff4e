"""The retention tests use the clinical fixtures (alice_client, alice_session)."""

from tests.clinical.conftest import alice_client, alice_session

__all__ = ["alice_client", "alice_session"]
