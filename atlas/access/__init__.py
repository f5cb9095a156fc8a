"""Who may see and change what: role filter, small numbers, sign-in, users, audit."""
