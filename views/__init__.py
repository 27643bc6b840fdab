"""One view per page: (loader, filters, settings) in, plain frozen dataclasses out (cards, ranked
lists, tables, figures). The page draws a view with ``ui.components``; the briefing PDF
(``reports.briefing_data``) prints the same view, so screen and paper say the same thing.

No Streamlit and no SQL here: ``data_access.queries`` functions are called through the injected
loader ``load(fn, filters=None, **kwargs)`` (the app's cached, scope-clamping ``ui.cache.load``, or
``reports.briefing_data.connection_loader(conn)``), then ``metrics`` and ``charts``.
"""
