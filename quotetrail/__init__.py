"""quotetrail: where a quote came from and how it changed on its way through the news."""

__version__ = "0.1.0"
