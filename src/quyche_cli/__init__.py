"""quyche: a provincial regulation (Quy chế) as validated data, with a command line over it."""

__version__ = "0.1.0"
