"""Every setting of the system, read from the environment at start-up.

This table is the one documented list (the README repeats it, and a test
keeps the two in step). Unset variables take the embedded defaults: the
in-memory bus, SQLite files and a local folder under ``EISO_DATA_DIR``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

SERVICES = ("context", "quality", "audit", "review", "documents", "workflow")


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str


VARIABLES: tuple[Variable, ...] = (
    Variable("EISO_AMQP_URI", "memory://", "Message bus. `memory://` runs every service in one process; `amqp://user:pass@host:5672/vhost` for RabbitMQ."),
    Variable("EISO_DATA_DIR", "./var", "Folder for the embedded SQLite files, local file storage and the generated secret key."),
    Variable("EISO_<SERVICE>_DB_URL", "sqlite:///$EISO_DATA_DIR/<service>.sqlite3", "Database of one service (CONTEXT, QUALITY, AUDIT, REVIEW, DOCUMENTS, WORKFLOW), e.g. `postgresql+psycopg2://eiso@db/eiso_workflow`."),
    Variable("EISO_RUN_DIR", "$EISO_DATA_DIR/run", "Folder of each service process's liveness file (read by `python -m eiso_kit.process.liveness <service>`, the containers' HEALTHCHECK)."),
    Variable("EISO_EVENT_TYPE_PREFIX", "vn.eiso", "Reverse-DNS prefix of every CloudEvents `type`, set per deployment."),
    Variable("EISO_EVENT_SOURCE", "urn:eiso:local", "Base of the CloudEvents `source`; each service appends `:<service>`."),
    Variable("EISO_RELAY_INTERVAL", "1.0", "Seconds between outbox sweeps (a commit also wakes the relay at once)."),
    Variable("EISO_MAX_DELIVERY_ATTEMPTS", "8", "Tries of a failing event handler before the message goes to the dead-letter queue."),
    Variable("EISO_RETRY_BACKOFF", "0.5", "Seconds before the 2nd try of a failing event handler, doubling per try up to 15 s (8 tries span about 45 s)."),
    Variable("EISO_SERVICE_RPC_TIMEOUT", "10", "Seconds a service waits for another service's answer before it reports it unavailable."),
    Variable("EISO_PURGE_AFTER_DAYS", "30", "Days after which each service deletes published outbox rows, applied inbox ids, idempotency keys and applied dossier facts (0 keeps them for ever; the audit trail is never purged)."),
    Variable("EISO_MEMORY_POLLING_INTERVAL", "0.005", "Polling interval in seconds of the in-memory bus (embedded mode only)."),
    Variable("EISO_TIMEZONE", "Asia/Ho_Chi_Minh", "Time zone of deadlines and displayed dates."),
    Variable("EISO_DEMO_DATA", "1", "Load the demo unit, departments and logins on start (set 0 in production)."),
    Variable("EISO_STORAGE", "local", "File storage backend: `local` (a folder) or `s3` (MinIO or any S3)."),
    Variable("EISO_STORAGE_PATH", "$EISO_DATA_DIR/files", "Folder of the `local` storage backend."),
    Variable("EISO_S3_ENDPOINT", "127.0.0.1:9000", "S3 / MinIO endpoint host:port."),
    Variable("EISO_S3_ACCESS_KEY", "minioadmin", "S3 access key."),
    Variable("EISO_S3_SECRET_KEY", "minioadmin", "S3 secret key."),
    Variable("EISO_S3_BUCKET", "eiso-documents", "Bucket of the documents service."),
    Variable("EISO_S3_SECURE", "0", "Use HTTPS to reach S3 (1/0)."),
    Variable("EISO_MAX_UPLOAD_MB", "25", "Largest file a person may upload, in MiB."),
    Variable("EISO_UPLOAD_QUOTA_MB", "250", "MiB one person may upload per day (in `EISO_TIMEZONE`); beyond it an upload is refused (429) until midnight."),
    Variable("EISO_UPLOAD_RETENTION_HOURS", "72", "Hours the documents service keeps a file that no dossier lists (not even a saved draft) after its upload or after the draft let it go; then it is removed."),
    Variable("EISO_DOCUMENTS_HTTP", "127.0.0.1:8001", "Address the documents service's file endpoint listens on (host:port)."),
    Variable("EISO_DOCUMENTS_URL", "http://127.0.0.1:8001", "Where the gateway reaches the documents service's file endpoint."),
    Variable("EISO_GATEWAY_HOST", "127.0.0.1", "Address the web gateway listens on."),
    Variable("EISO_GATEWAY_PORT", "8000", "Port the web gateway listens on."),
    Variable("EISO_SECRET_KEY", "(generated into $EISO_DATA_DIR/secret_key)", "Key that signs session cookies, CSRF tokens and API tokens: at least 32 random characters, the same in every gateway copy (the gateway refuses an empty, short or placeholder key). Unset: generated once into the data folder (one gateway only)."),
    Variable("EISO_ACTOR_KEY", "(generated into $EISO_DATA_DIR/actor_key)", "Key the gateway signs each person's identity with and every service checks (an RPC with an unsigned or forged actor is refused): at least 32 random characters, the same in the gateway and every service. Unset: generated once into the data folder (one machine only)."),
    Variable("EISO_SECURE_COOKIES", "0", "Mark session cookies `Secure` (1 behind HTTPS; the embedded run serves plain HTTP)."),
    Variable("EISO_RATE_LIMIT_STORAGE", "memory://", "Where the gateway counts failed sign-ins: `memory://` (one process: the embedded run) or `redis://host:6379/0` (shared by every gateway copy and worker)."),
    Variable("EISO_LOGIN_LIMIT_PER_ADDRESS", "20/minute;100/hour", "Failed sign-ins allowed from one client address (any account) before 429 with `Retry-After`; `limits` notation, `;` between windows."),
    Variable("EISO_LOGIN_LIMIT_PER_ACCOUNT", "5/minute;20/hour", "Failed sign-ins allowed on one user name (from addresses it never signed in from; each address it did sign in from gets the same budget of its own)."),
    Variable("EISO_TRUSTED_PROXIES", "0", "Proxies in front of the gateway whose `X-Forwarded-For` gives the client address (1 behind the nginx of deploy/compose.scale.yml); 0 believes no header."),
    Variable("EISO_RPC_POOL_SIZE", "8", "RPC proxies each gateway process keeps open (one per concurrent request)."),
    Variable("EISO_RPC_TIMEOUT", "30", "Seconds the gateway waits for a service's answer."),
    Variable("EISO_LOG_LEVEL", "INFO", "Log level of services and gateway."),
)


def _get(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name)
    return default if value is None or value == "" else value


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    amqp_uri: str
    data_dir: Path
    run_dir: Path
    db_urls: dict[str, str]
    event_type_prefix: str
    event_source: str
    relay_interval: float
    max_delivery_attempts: int
    retry_backoff: float
    service_rpc_timeout: float
    purge_after_days: float
    memory_polling_interval: float
    timezone: str
    demo_data: bool
    storage: str
    storage_path: Path
    s3_endpoint: str
    s3_access_key: str
    s3_secret_key: str
    s3_bucket: str
    s3_secure: bool
    max_upload_bytes: int
    upload_quota_bytes: int
    upload_retention_hours: float
    documents_http: str
    documents_url: str
    gateway_host: str
    gateway_port: int
    secret_key: str | None
    actor_key: str | None
    secure_cookies: bool
    rate_limit_storage: str
    login_limit_per_address: str
    login_limit_per_account: str
    trusted_proxies: int
    rpc_pool_size: int
    rpc_timeout: float
    log_level: str

    @property
    def in_memory_bus(self) -> bool:
        return self.amqp_uri.startswith("memory://")

    def source_of(self, service: str) -> str:
        return f"{self.event_source}:{service}"

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["data_dir"] = str(self.data_dir)
        data["run_dir"] = str(self.run_dir)
        data["storage_path"] = str(self.storage_path)
        data["db_urls"] = dict(self.db_urls)
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> "Settings":
        values = dict(data)
        values["data_dir"] = Path(values["data_dir"])
        values["run_dir"] = Path(values["run_dir"])
        values["storage_path"] = Path(values["storage_path"])
        return cls(**values)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    data_dir = Path(_get(env, "EISO_DATA_DIR", "./var")).resolve()
    db_urls = {
        service: _get(env, f"EISO_{service.upper()}_DB_URL", f"sqlite:///{data_dir / (service + '.sqlite3')}")
        for service in SERVICES
    }
    return Settings(
        amqp_uri=_get(env, "EISO_AMQP_URI", "memory://"),
        data_dir=data_dir,
        run_dir=Path(_get(env, "EISO_RUN_DIR", str(data_dir / "run"))).resolve(),
        db_urls=db_urls,
        event_type_prefix=_get(env, "EISO_EVENT_TYPE_PREFIX", "vn.eiso"),
        event_source=_get(env, "EISO_EVENT_SOURCE", "urn:eiso:local"),
        relay_interval=float(_get(env, "EISO_RELAY_INTERVAL", "1.0")),
        max_delivery_attempts=int(_get(env, "EISO_MAX_DELIVERY_ATTEMPTS", "8")),
        retry_backoff=float(_get(env, "EISO_RETRY_BACKOFF", "0.5")),
        service_rpc_timeout=float(_get(env, "EISO_SERVICE_RPC_TIMEOUT", "10")),
        purge_after_days=float(_get(env, "EISO_PURGE_AFTER_DAYS", "30")),
        memory_polling_interval=float(_get(env, "EISO_MEMORY_POLLING_INTERVAL", "0.005")),
        timezone=_get(env, "EISO_TIMEZONE", "Asia/Ho_Chi_Minh"),
        demo_data=_flag(_get(env, "EISO_DEMO_DATA", "1")),
        storage=_get(env, "EISO_STORAGE", "local"),
        storage_path=Path(_get(env, "EISO_STORAGE_PATH", str(data_dir / "files"))).resolve(),
        s3_endpoint=_get(env, "EISO_S3_ENDPOINT", "127.0.0.1:9000"),
        s3_access_key=_get(env, "EISO_S3_ACCESS_KEY", "minioadmin"),
        s3_secret_key=_get(env, "EISO_S3_SECRET_KEY", "minioadmin"),
        s3_bucket=_get(env, "EISO_S3_BUCKET", "eiso-documents"),
        s3_secure=_flag(_get(env, "EISO_S3_SECURE", "0")),
        max_upload_bytes=int(float(_get(env, "EISO_MAX_UPLOAD_MB", "25")) * 1024 * 1024),
        upload_quota_bytes=int(float(_get(env, "EISO_UPLOAD_QUOTA_MB", "250")) * 1024 * 1024),
        upload_retention_hours=float(_get(env, "EISO_UPLOAD_RETENTION_HOURS", "72")),
        documents_http=_get(env, "EISO_DOCUMENTS_HTTP", "127.0.0.1:8001"),
        documents_url=_get(env, "EISO_DOCUMENTS_URL", "http://127.0.0.1:8001"),
        gateway_host=_get(env, "EISO_GATEWAY_HOST", "127.0.0.1"),
        gateway_port=int(_get(env, "EISO_GATEWAY_PORT", "8000")),
        secret_key=env.get("EISO_SECRET_KEY"),  # None = unset; "" = set but empty (the gateway refuses it)
        actor_key=env.get("EISO_ACTOR_KEY"),    # the same: None = generate into the data folder
        secure_cookies=_flag(_get(env, "EISO_SECURE_COOKIES", "0")),
        rate_limit_storage=_get(env, "EISO_RATE_LIMIT_STORAGE", "memory://"),
        login_limit_per_address=_get(env, "EISO_LOGIN_LIMIT_PER_ADDRESS", "20/minute;100/hour"),
        login_limit_per_account=_get(env, "EISO_LOGIN_LIMIT_PER_ACCOUNT", "5/minute;20/hour"),
        trusted_proxies=int(_get(env, "EISO_TRUSTED_PROXIES", "0")),
        rpc_pool_size=int(_get(env, "EISO_RPC_POOL_SIZE", "8")),
        rpc_timeout=float(_get(env, "EISO_RPC_TIMEOUT", "30")),
        log_level=_get(env, "EISO_LOG_LEVEL", "INFO"),
    )


def actor_key(settings: Settings) -> str:
    """The key actors are signed with: ``EISO_ACTOR_KEY``, else one generated once into the data folder."""
    from .keys import key_from

    return key_from(settings.actor_key, settings.data_dir, "actor_key", "EISO_ACTOR_KEY")
