"""Side panels beside the phone: what you can do, feedback after a choice, and the score."""
