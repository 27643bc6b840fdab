"""Documents built from the dashboard's numbers (no Streamlit): the briefing PDF.

``briefing_data`` gathers what a briefing shows through the same ``data_access`` queries,
``metrics`` and ``charts`` builders the pages use; ``briefing_pdf`` lays it out as PDF bytes.
"""
