"""Figure tables, their queries, the Fachplan and its charts."""
