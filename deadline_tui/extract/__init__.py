"""From the document to the book (DESIGN section 12): draft tasks read from a notice,
programme or plan.

The pipeline, one small module per step:

- ``loading``: the file's text (.txt, .docx, .pdf), with bad input refused by name;
- ``cleanup``: paragraphs of the NFC text with their offsets, footnotes and page-break
  splits mended, the "Nơi nhận" block and signature cut off;
- ``header``: the document's number, kind and date from its header;
- ``units``: unit names found in text and resolved against a catalogue;
- ``timing``: deadline phrases found in a task's own text, read by the one deadline
  reader of :mod:`deadline_tui.domain.deadlines`;
- ``segment``: list markers, headings and sentences;
- ``extractor``: the rules of the language that turn paragraphs into drafts;
- ``tables``: task tables of a .docx, read by the CSV importer's header matching.

Nothing here writes to the book; ``services.document_import`` turns accepted drafts
into one all-or-nothing batch.
"""
