"""Which addresses the host answers on: the laptop's LAN address, never a public one unless asked."""

from __future__ import annotations

import ipaddress
import socket


def lan_address() -> str | None:
    """The address other machines on the local network reach this laptop at (no packet is sent)."""
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.connect((probe, 9))
            addr = s.getsockname()[0]
        except OSError:
            continue
        finally:
            s.close()
        if addr and not addr.startswith("0."):
            return addr
    return None


def is_local(addr: str) -> bool:
    """Private (RFC 1918, IPv6 ULA), link-local or loopback: reachable only on the school network."""
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local


def is_loopback(addr: str | None) -> bool:
    try:
        return ipaddress.ip_address(addr or "").is_loopback
    except ValueError:
        return False


def bind_addresses(bind: str | None, allow_public: bool) -> tuple[list[str], str]:
    """(addresses to listen on, address to show in the URL). Refuses a public address unless allowed."""
    if bind:
        if not allow_public and bind not in ("0.0.0.0", "::") and not is_local(bind):
            raise ValueError(f"{bind} is a public address; add --allow-public to answer on it")
        if bind in ("0.0.0.0", "::") and not allow_public:
            raise ValueError("listening on every address may include a public one; add --allow-public")
        shown = bind if bind not in ("0.0.0.0", "::") else (lan_address() or "127.0.0.1")
        return [bind], shown
    lan = lan_address()
    if lan and is_local(lan) and not is_loopback(lan):
        return [lan, "127.0.0.1"], lan
    return ["127.0.0.1"], "127.0.0.1"
