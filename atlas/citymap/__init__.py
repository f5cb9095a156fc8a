"""The city map: filters, URL state, layers, symbols, areas, details, assets."""
