"""Booking pages: the public flow (flow.py), the client's manage pages (manage.py) and the
office's calendar (calendar.py), booking pages
(office_booking.py, reading input through office_params.py) and calendar feed (feed.py)."""
