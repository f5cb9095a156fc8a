"""Keeping the data true: edit rights and review, imports, public suggestions."""
