"""loaders/extract"""
