"""Browser end-to-end tests: each role's main path in Chromium, checked with axe-core."""
