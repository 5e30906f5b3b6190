"""The collaboration structure and demo content as readable files, and their loader.

Run `python -m seed --help`.
"""
