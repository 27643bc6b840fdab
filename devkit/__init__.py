"""devkit: the developer's toolkit for driving the real app from outside (never imported by the app).

- ``devkit.server``: ``streamlit run dashboard.py`` on a free localhost port against one database,
  in its own process group, and the ``/_stcore/health`` wait.
- ``devkit.browser``: Debian's headless Chromium (``/usr/bin/chromium``, never a browser Playwright
  downloads) through Playwright, offline browser contexts, the waits Streamlit's own e2e suite uses
  (all on DOM state), the login form, opening a page, screenshots.

Used by the browser tests (tests/e2e), ``scripts/screenshot.py`` and ``benchmarks/load_sessions.py``;
it knows nothing of pytest. Dependency direction: tests, scripts and benchmarks import devkit;
devkit imports only the app's UI texts (the login form's labels).
"""
