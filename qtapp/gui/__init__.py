"""The Qt window of Verbatim, on top of :mod:`qtapp.core`."""
