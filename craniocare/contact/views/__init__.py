"""Contact views: the public form (public.py) and the office inbox (inbox.py)."""
