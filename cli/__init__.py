"""The command-line edge: `ruimtegraaf ingest | serve | …` (cli/main.py); it alone imports both ingest and api."""
