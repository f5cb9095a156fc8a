"""Places and offers: reading and checking tables, position and visit facts."""
