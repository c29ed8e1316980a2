"""The Typer command line: parse, ask explore, build a document, hand it to render."""
