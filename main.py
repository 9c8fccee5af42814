"""Start Verbatim: ``python main.py`` is the same program as the ``verbatim`` command."""

import sys

from qtapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
