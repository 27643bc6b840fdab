"""Metric definitions, in one place, as plain tested functions (pandas in, pandas/numbers out).

What "coverage", "overdue", "undelivered rate" mean is decided here and nowhere else; pages and
chart builders only display what these functions return.
"""
