"""The live class session: a small web server on the school network (no pygame here).

Phones vote in together mode, lab PCs send their decisions in lab mode, and the
trainer's projector and dashboard read one `LiveSession`. See docs/architecture.md.
"""
