"""The analyses over the quarterly counts (docs/analyses.md).

Every analysis reads only the count tables (``Telling``, ``TellingAard``), the imported history
(``HistorischeTelling``), quarter states, data-quality notes and reference data — never a registration.
Each selector returns an ``Analyse`` of tables whose cells are disclosure-aware (``rapportage.onthulling``);
``tabel.toon`` applies the disclosure rule before anything reaches a page, a download or the API.
"""
