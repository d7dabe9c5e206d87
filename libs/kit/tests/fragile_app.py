"""A toy service that can be made to fail the ways nameko kills a container (for test_process.py)."""
from __future__ import annotations

from nameko.extensions import DependencyProvider

from eiso_kit.entrypoint import rpc


class ItsContainer(DependencyProvider):
    def get_dependency(self, worker_ctx):
        return self.container


class Fragile:
    name = "fragile"
    container = ItsContainer()

    @rpc
    def ping(self):
        return "pong"

    @rpc
    def break_down(self):
        """An unexpected error in a managed thread: nameko kills the container."""
        def fail():
            raise RuntimeError("a managed thread failed")
        self.container.spawn_managed_thread(fail)
        return "breaking"
