"""Dialogs that edit sources and speakers, and the form fields the dialogs share."""
