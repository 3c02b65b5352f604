"""loaders/read"""
