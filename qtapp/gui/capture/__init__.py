"""Getting words into the library: importing sources and reviewing the quotes found in them."""
