"""The generic "create dossier / process step" flow: no routes, no templates, no artefact named.

An artefact is described once (``artefacts.Artefact``: its content form,
preview, blank content and how it is submitted); the dossiers area runs the
same create and process pages for every artefact from that description.
"""
