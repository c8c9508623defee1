"""Who is asking: the client's address (behind trusted proxies only), its keyed hash, and known bots.

Shared by every reader action that is rate limited or stored (ratings, comments, typo reports).
"""

import hashlib
import hmac
import ipaddress
import re
from functools import lru_cache

from django.conf import settings

# Automated clients that announce themselves. Real readers' browsers never match.
BOT_USER_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrapy|headlesschrome|phantomjs|facebookexternalhit|embedly|"
    r"curl/|wget/|python-requests|python-urllib|python-httpx|aiohttp|go-http-client|java/|libwww-perl|okhttp",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The reader's address.

    X-Forwarded-For is believed only when the request comes from one of settings.TRUSTED_PROXIES
    (addresses or networks); then the right-most address that is not a trusted proxy is the
    client, since everything left of it could have been written by the client itself.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if _is_trusted(hop):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            # A proxy we trust would not write this: don't let it become a fresh identity.
            return remote
    return remote


def client_ip_hash(request):
    """A keyed hash of the reader's address: stable enough to count, useless to anyone without the key."""
    return hmac.new(settings.IP_HASH_KEY.encode(), client_ip(request).encode(), hashlib.sha256).hexdigest()


def is_bot(request):
    """A crawler or script that says what it is in its User-Agent, or sends none (every browser does)."""
    user_agent = request.headers.get("User-Agent", "").strip()
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))
