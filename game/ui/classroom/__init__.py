"""Projector mode: the trainer plays a scenario in front of the class."""
