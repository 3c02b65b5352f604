"""graph/link"""
