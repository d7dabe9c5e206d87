"""What the run command prints once everything listens."""
from eiso_kit.settings import Settings


def banner(settings: Settings) -> str:
    from eiso_context.demo import load_demo

    url = f"http://{settings.gateway_host}:{settings.gateway_port}/"
    bus = "in-memory bus" if settings.in_memory_bus else settings.amqp_uri.split("@")[-1]
    lines = [
        "",
        "  eISO — Hệ thống ISO điện tử is running",
        f"  Open {url}",
        f"  Bus: {bus}; data: {settings.data_dir}",
    ]
    if settings.demo_data:
        demo = load_demo()
        lines.append(f"  Demo logins of unit {demo.unit.code} (password {demo.password}):")
        for person in demo.people:
            lines.append(f"    {person.username:<12} {person.title}")
    lines += ["  Stop with Ctrl+C.", ""]
    return "\n".join(lines)
