"""trd: explore treatment options for treatment-resistant depression."""

__version__ = "0.1.0"
