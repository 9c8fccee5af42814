"""Citations: sources as CSL data, rendered in APA, MLA and Chicago by citeproc-js.

See ``docs/citations.md``. :mod:`.csl` maps sources to CSL-JSON and back and needs nothing
beyond the core; rendering (:mod:`.render`) needs the citation engine described there.
"""
