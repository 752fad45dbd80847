"""salvo: news reports about armed attacks -> a trustworthy incident record with evidence."""

__version__ = "0.1.0"
