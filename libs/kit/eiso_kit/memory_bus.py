"""Make kombu's in-memory transport carry nameko RPC (embedded mode only).

kombu's virtual ``Message`` keeps the content type out of
``message.properties``; nameko's RPC reply path reads it from there and the
responding container dies with ``KeyError: 'content_type'``. We copy it in
when a virtual message is built. The transport also polls, once a second by
default; ``polling_interval`` sets how often.
"""
from __future__ import annotations

from kombu.transport import memory
from kombu.transport.virtual import base

_FLAG = "_eiso_content_type_fix"


def install(polling_interval: float = 0.005) -> None:
    """Apply the fix once per process and set the polling interval."""
    memory.Transport.polling_interval = polling_interval
    if getattr(base.Message, _FLAG, False):
        return
    original = base.Message.__init__

    def __init__(self, payload, channel=None, **kwargs):
        original(self, payload, channel=channel, **kwargs)
        if self.content_type is not None:
            self.properties.setdefault("content_type", self.content_type)

    base.Message.__init__ = __init__
    setattr(base.Message, _FLAG, True)


def reset() -> None:
    """Forget every queue and binding of the in-memory broker (tests)."""
    memory.Channel.queues.clear()
    memory.Channel.events.clear()
    memory.Transport.global_state.clear()
