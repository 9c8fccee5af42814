"""The checks in the window: the findings panel, the side-by-side diff, running checks in the background."""
