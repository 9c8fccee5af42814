"""Item models of the main window: the paged quotes list and the navigator tree."""
