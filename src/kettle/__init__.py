"""Kettle: find your village, then meet it over a cup of tea."""
