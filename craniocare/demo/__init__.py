"""The demo practice, Serena CranioCare (DESIGN.md §4 "Demo data"): `manage.py seed_demo`.

The top layer: it may import every app and no app imports it. Everything is seeded through the
apps' own write paths, telling nobody (see seed.py for the order and what each step writes).
"""
