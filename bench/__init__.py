"""Benchmarks: scripts that print figures next to a naive version (not timed tests)."""
