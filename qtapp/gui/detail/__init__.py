"""The detail pane: the selected quote's fields, its history and its checks."""

from .pane import DetailPane

__all__ = ["DetailPane"]
