"""Verbatim: a desktop quote and source manager for journalists."""

APP_NAME = "Verbatim"
__version__ = "0.1.0"
