"""Questions over the catalogue: filters, search, screening, staging. Pure functions."""
