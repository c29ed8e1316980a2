"""One module per output format; each draws every document kind."""
