"""`python -m newscrawl.bench` (or `make bench`): figures for speed, size and accuracy. Not a test; CI does not run it.

Each section is a module with a function returning rows (name, value, unit); __main__ lists them in order.
"""
