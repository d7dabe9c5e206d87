"""eISO documents service: every file (bytes in object storage, metadata and SHA-256 in its database).

This release holds the first slice, files: the internal HTTP file endpoint, the storage adapters
(local folder, MinIO / S3) and the ``get_file`` / ``get_files`` RPC.
"""
