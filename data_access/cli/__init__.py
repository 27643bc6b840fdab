"""The operators' commands, one module each (``python -m data_access COMMAND``: ``data_access/__main__.py``).

Only argument parsing and printing: the work is done by the library modules they call.
"""
