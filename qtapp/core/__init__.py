"""The Qt-free core of Verbatim: the library, dates, names, checks, capture and export.

Nothing under this package imports Qt; scripts and the command line use it directly::

    from qtapp.core.library import Library
    lib = Library("quotes.verbatim")
"""
