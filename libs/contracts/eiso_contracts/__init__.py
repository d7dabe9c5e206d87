"""eISO's shared contract: what crosses the bus between services and to outside systems.

Nothing here does I/O. Services, the gateway and outside integrators import
these models; the event catalogue in ``catalogue/`` is generated from them.
"""
