"""Offers near a point: search, start point, URL state, result map."""
