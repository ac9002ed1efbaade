"""Spreadsheet import and export of trade figures.

`readers` turns an uploaded file into rows of text (CSV in any of the encodings editors
save, or the first sheet of an XLSX), `layouts` turns those rows into figures with a
line/column/reason for every problem, and `services` writes them as one upsert on natural
keys. Admin views, the CLI and the benchmark all call `services`; none holds a rule.
"""
