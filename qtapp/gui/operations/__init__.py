"""What the window's commands do to the library: each a small function over one core call."""
