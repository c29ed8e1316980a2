"""What each command outputs, as typed documents; JSON and JSON Schemas come from them."""
