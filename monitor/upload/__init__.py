"""Figures in: reading, validating, previewing and loading files; load history and rollback."""
