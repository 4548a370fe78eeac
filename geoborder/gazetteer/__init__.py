"""The curated gazetteer: loading it, checking it, deriving its reference layers."""
