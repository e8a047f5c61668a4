"""Provides `pressbot ingest`: a draft release folder (text and release.yaml) from a press
release saved as plain text or as a web page.

``text`` normalises and de-HTMLs the input, ``phones`` checks numbers, ``extract``, ``prose``,
``figures`` and ``wordnum`` find the release's parts with the sentences they come from,
``draft`` builds and writes the folder, and ``command`` is the thin layer the CLI calls.
"""
