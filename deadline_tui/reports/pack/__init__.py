"""The report pack the office sends upward (DESIGN section 13).

``content`` gathers what the report says (figures from ``reports.figures``, statuses
from the one ``assess``); ``xlsx_pack`` and ``docx_pack`` lay it out; ``output`` writes
the file so that a failure never leaves half a file behind.
"""
