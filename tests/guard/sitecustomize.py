"""A watch on test builds: every network attempt and every file read outside
the allowed folders is written to $KIT_GUARD_LOG (and network calls fail).

Python imports ``sitecustomize`` at start-up from PYTHONPATH, so putting this
folder first on PYTHONPATH installs the watch in the build process; render
workers are forked from it and inherit it. It uses audit hooks (PEP 578),
which see the socket and open() calls of every library, not just ours.
"""

import os
import sys
import tempfile

NETWORK = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
           "socket.gethostbyaddr", "socket.getnameinfo", "socket.connect", "socket.sendto",
           "socket.sendmsg"}
# Temporary files the renderer and Python make for themselves (fonts, probes).
OWN_TEMP = ("weasyprint-", "tmp", "kit-fonts-", "kit-stage-")


def _install(log: str) -> None:
    handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    temp = os.path.realpath(tempfile.gettempdir())
    allowed = [os.path.realpath(path) for path in
               os.environ.get("KIT_GUARD_ALLOW", "").split(os.pathsep) if path]
    allowed += [os.path.realpath(path) for path in
                {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}]
    # System tables Python itself reads (time zones; mimetypes.init()).
    allowed += ["/dev/null", "/dev/urandom", "/usr/share/zoneinfo", "/etc/localtime",
                "/etc/mime.types"]

    def allowed_path(path: str) -> bool:
        if any(path == root or path.startswith(root + os.sep) for root in allowed):
            return True
        if path == temp or path.startswith(temp + os.sep):
            parts = os.path.relpath(path, temp).split(os.sep)
            return len(parts) == 1 or parts[0].startswith(OWN_TEMP)
        return False

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes)):
            path = os.path.realpath(os.path.join(os.getcwd(), os.fsdecode(args[0])))
            if not allowed_path(path):
                os.write(handle, f"READ {path}\n".encode())
        elif event in NETWORK:
            address = args[1] if event in ("socket.connect", "socket.sendto",
                                           "socket.sendmsg") else args[0]
            if event == "socket.connect" and isinstance(address, (str, bytes)):
                return  # a local (Unix) socket
            os.write(handle, f"NET {event} {address!r}\n".encode())
            raise PermissionError(f"network blocked in tests: {event} {address!r}")

    sys.addaudithook(hook)


if os.environ.get("KIT_GUARD_LOG"):
    _install(os.environ["KIT_GUARD_LOG"])
