"""Page scripts: layout only. Each is run by ``st.navigation`` (see ui/navigation.py); the package
marker lets the import checks (pyproject.toml, lint-imports) see what the pages import."""
