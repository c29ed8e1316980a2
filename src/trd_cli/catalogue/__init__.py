"""The catalogue: read YAML, validate, overlays, cache, the typed model."""
