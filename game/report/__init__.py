"""The offline class report: figures (pure), labels, charts, HTML and CSV output."""
