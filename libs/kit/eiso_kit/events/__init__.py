"""Publishing and consuming CloudEvents reliably: outbox relay, subscriptions, topology."""
