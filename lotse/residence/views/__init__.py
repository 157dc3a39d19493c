"""Server-rendered residence pages: a person's residence tab, its forms, the deadline list."""
