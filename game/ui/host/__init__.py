"""Projector scenes for a live class session (`python main.py host`)."""
