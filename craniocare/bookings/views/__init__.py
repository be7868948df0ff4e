"""Booking pages: the public flow (flow.py) and the client's manage pages (manage.py)."""
