"""Export and import: reference formats, the native library copy, and quote sheets.

Start at :mod:`.registry` (every format by name, to and from files). Whatever leaves for
publication passes :func:`qtapp.core.publish.decide` first: quote sheets through
:mod:`.sheet_rows`, reference lists through :mod:`.references`.
"""
