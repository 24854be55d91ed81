"""The Pygame view: a scene stack that renders engine state and sends choices back."""
