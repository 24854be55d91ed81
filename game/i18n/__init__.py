"""Translation tooling: extract strings into templates, merge them into catalogues, report.

The runtime side (loading catalogues, `Translator`) is `game.core.i18n`; this package is
only used by `python main.py i18n ...`, the tests and the benchmark. See docs/translating.md.
"""
