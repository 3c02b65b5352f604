"""graph/local_server"""
