"""loaders/attribute"""
