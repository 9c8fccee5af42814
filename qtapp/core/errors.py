"""The exceptions the core raises. Each message is written for a reporter to read."""


class VerbatimError(Exception):
    """Base of every error the core raises on purpose; ``str(e)`` is the user message."""


class InvalidInput(VerbatimError):
    """What the user typed or supplied cannot be stored as it is."""


class NotFound(VerbatimError):
    """A quote, speaker, source or tag with that id does not exist (or is in the trash)."""


class LibraryError(VerbatimError):
    """The library file cannot be opened or written."""


class LibraryTooNew(LibraryError):
    """The library was written by a newer Verbatim; it is left untouched."""


class LibraryDamaged(LibraryError):
    """The file is not a Verbatim library, or its contents are damaged."""


class PassphraseRequired(LibraryDamaged):
    """The file is not plain SQLite: an encrypted library (or not a library); ask for its passphrase."""


class PassphraseWrong(LibraryError):
    """The passphrase does not open the file (or it is a plain, unencrypted library)."""


class LibraryBusy(LibraryError):
    """Another program held the library locked for longer than we waited."""


class UndoEmpty(VerbatimError):
    """There is nothing to undo or redo."""


class UndoConflict(VerbatimError):
    """The rows a step changed were changed again elsewhere; undoing would lose that."""


class Interrupted(VerbatimError):
    """Long work was cancelled by the user; nothing partial was kept."""


class ImportFailed(VerbatimError):
    """A file or address could not be read as the kind of source it claims to be."""


class ExportBlocked(VerbatimError):
    """Ground rules forbid exporting what was asked for."""


class NotALibrary(LibraryError):
    """The file is another program's SQLite database; it is refused and left untouched."""
