"""Maillage: the working system of international and decentralised cooperation officers."""

__version__ = "0.1.0"
