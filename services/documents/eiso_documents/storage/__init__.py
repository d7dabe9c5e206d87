"""Object storage of the documents service: the port and its adapters (local folder, MinIO / S3)."""
from .factory import build_storage  # noqa: F401
from .local import LocalFolderStorage  # noqa: F401
from .port import ObjectInfo, ObjectMissing, ObjectStream, Storage, StoredObject, check_key  # noqa: F401
from .provider import FileStorage, FileStore  # noqa: F401
