"""The named people of the back-office tests (serena, pia, frank, alice, bob, mallory)."""

from tests.office.conftest import (  # noqa: F401
    alice,
    bob,
    frank,
    mallory,
    office_client,
    pia,
    practice,
    serena,
    session60,
)
