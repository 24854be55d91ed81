"""The pure core: scenario model, strict loader, validator, engine. Never imports pygame."""
