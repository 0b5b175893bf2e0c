"""Bytes in, bytes out: videos read with PyAV, images sniffed, the admin chart drawn."""
