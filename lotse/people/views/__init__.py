"""Server-rendered pages for persons: search, registration, the record's tabs, editing."""
