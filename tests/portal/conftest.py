from tests.portal.helpers import schedules

__all__ = ["schedules"]
