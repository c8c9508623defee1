"""Who is asking: the client's address behind trusted proxies only, its keyed hash, and bots."""

from django.test import RequestFactory, override_settings

from newsportal.readers.clients import client_ip, client_ip_hash, is_bot

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def request(remote="203.0.113.7", forwarded=None, user_agent=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    if user_agent is not None:
        extra["HTTP_USER_AGENT"] = user_agent
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXIES=[])
def test_forwarded_for_is_ignored_when_no_proxy_is_trusted():
    assert client_ip(request(forwarded="198.51.100.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_forwarded_for_is_ignored_from_a_peer_that_is_not_our_proxy():
    assert client_ip(request(remote="203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "192.0.2.10"])
def test_the_right_most_address_that_is_not_our_proxy_is_the_client():
    # The client wrote the left-most entry itself; our proxies appended the rest.
    forwarded = "1.2.3.4, 198.51.100.1, 192.0.2.10"
    assert client_ip(request(remote="10.1.2.3", forwarded=forwarded)) == "198.51.100.1"
    assert client_ip(request(remote="10.1.2.3", forwarded="10.9.9.9")) == "10.1.2.3"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_garbage_behind_our_proxy_does_not_become_an_identity():
    assert client_ip(request(remote="10.1.2.3", forwarded="not-an-address")) == "10.1.2.3"


@override_settings(IP_HASH_KEY="one-key")
def test_the_hash_is_keyed_stable_and_hides_the_address():
    first = client_ip_hash(request())
    assert first == client_ip_hash(request())
    assert len(first) == 64 and "203.0.113.7" not in first
    assert first != client_ip_hash(request(remote="203.0.113.8"))
    with override_settings(IP_HASH_KEY="another-key"):
        assert client_ip_hash(request()) != first


def test_bots_are_known_by_their_user_agent_or_by_having_none():
    for user_agent in ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32", ""]:
        assert is_bot(request(user_agent=user_agent)), user_agent
    assert is_bot(request())
    assert not is_bot(request(user_agent=BROWSER))
    assert not is_bot(request(user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148"))
