"""Root of every test run.

nameko needs eventlet's monkey patching before anything else is imported,
or tests hang. The browser suite runs in its own pytest process without it
(Playwright's driver does not survive a patched process), selected by
``EISO_EVENTLET=0``.
"""
import os
import warnings

# eventlet is in bug-fix-only mode and says so on import; known and accepted (STACK.md).
warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")

if os.environ.get("EISO_EVENTLET", "1") != "0":
    import eventlet

    eventlet.monkey_patch()


def pytest_ignore_collect(collection_path, config):
    browser_run = os.environ.get("EISO_EVENTLET", "1") == "0"
    in_browser_suite = "browser" in collection_path.parts and "tests" in collection_path.parts
    if collection_path.is_dir():
        if in_browser_suite and not browser_run:
            return True
        return None
    if collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        return (not in_browser_suite) if browser_run else in_browser_suite
    return None
