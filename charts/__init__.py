"""Pure chart builders: DataFrame in, plotly figure out. No Streamlit, no SQL.

``charts.theme`` holds the shared look (large type for meeting rooms, colour-blind-safe palette,
Indonesian number separators); one module per page builds its figures.
"""
