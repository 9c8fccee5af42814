"""What the core logs while a test runs (a plain helper: child processes use it too)."""

import logging
from contextlib import contextmanager


@contextmanager
def caught_warnings():
    """``with caught_warnings() as caught:`` collects the messages of the warnings the core logs meanwhile."""
    caught = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: caught.append(record.getMessage())
    logging.getLogger("qtapp").addHandler(handler)
    try:
        yield caught
    finally:
        logging.getLogger("qtapp").removeHandler(handler)
