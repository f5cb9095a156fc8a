"""Versorgung im Sozialraum: grid, model, tables and the council slide."""
