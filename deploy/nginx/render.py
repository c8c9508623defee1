"""Write deploy/nginx/newsportal.conf with this site's paths, ports and app processes filled in.

    python deploy/nginx/render.py --server-name news.example.org --app 10.0.0.5:8000 --app 10.0.0.6:8000 \
        > /etc/nginx/sites-available/newsportal.conf

Defaults suit one machine: the app on 127.0.0.1:8000, the code in /srv/newsportal, Let's Encrypt's paths.
"""

import argparse
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("newsportal.conf")


def render(*, root, apps, server_name, cert, cert_key, cache_dir, http_port=80, https_port=443, microcache="5s"):
    fields = {
        "@UPSTREAMS@": "\n".join(f"    server {app} max_fails=3 fail_timeout=5s;" for app in apps),
        "@ROOT@": str(root).rstrip("/"),
        "@SERVER_NAME@": server_name,
        "@CERT@": str(cert),
        "@CERT_KEY@": str(cert_key),
        "@CACHE_DIR@": str(cache_dir),
        "@HTTP_PORT@": str(http_port),
        "@HTTPS_PORT@": str(https_port),
        "@MICROCACHE@": microcache,
    }
    text = TEMPLATE.read_text()
    for field, value in fields.items():
        text = text.replace(field, value)
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default="/srv/newsportal", help="The checkout (staticfiles/ and media/ in it).")
    parser.add_argument("--app", action="append", help="An app process, host:port (repeat for more).")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--cert", default="/etc/letsencrypt/live/newsportal/fullchain.pem")
    parser.add_argument("--cert-key", default="/etc/letsencrypt/live/newsportal/privkey.pem")
    parser.add_argument("--cache-dir", default="/var/cache/nginx/newsportal")
    parser.add_argument("--http-port", type=int, default=80)
    parser.add_argument("--https-port", type=int, default=443)
    parser.add_argument("--microcache", default="5s", help="How long nginx keeps a page (nginx time syntax).")
    args = parser.parse_args(argv)
    sys.stdout.write(
        render(
            root=args.root,
            apps=args.app or ["127.0.0.1:8000"],
            server_name=args.server_name,
            cert=args.cert,
            cert_key=args.cert_key,
            cache_dir=args.cache_dir,
            http_port=args.http_port,
            https_port=args.https_port,
            microcache=args.microcache,
        )
    )


if __name__ == "__main__":
    main()
