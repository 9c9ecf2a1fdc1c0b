"""A static HTTPS file server for the image tests: serves ROOT on HOST:PORT with CERT and KEY.

    tls_server.py ROOT HOST PORT CERT KEY"""

import functools
import http.server
import ssl
import sys


def main(root, host, port, cert, key):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=root)
    server = http.server.ThreadingHTTPServer((host, int(port)), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == '__main__':
    main(*sys.argv[1:])
