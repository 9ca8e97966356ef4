"""The CBS delivery (issue "CBS-aanlevering"): record-level files per organisation and half-year.

``layout`` describes the fixed-width records as data, ``bestand`` writes a file from it (streaming),
``validatie`` reads a file back and checks it, ``aggregaat`` writes the StatLine-style count file,
``services`` and ``selectors`` are what views, the API, tasks and the command call. See
docs/cbs-aanlevering.md.
"""
