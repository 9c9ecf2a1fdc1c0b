"""armhv-api: serve, check-config, migrate, create-user. Errors end in one line and exit 2."""

import argparse
import os
import ssl
import sys

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError

from armhv_api import config, db, security
from armhv_api.store import users

DEFAULT_CONFIG = '/etc/armhv/api/config.toml'


def parse_args(argv):
    parser = argparse.ArgumentParser(prog='armhv-api', description='armhv.hypervisor management API')
    parser.add_argument('--config', action='append', help='TOML file (repeat: later files override keys; '
                        'default %s)' % DEFAULT_CONFIG)
    commands = parser.add_subparsers(dest='command', required=True)
    commands.add_parser('serve', help='run the service')
    commands.add_parser('check-config', help='validate the configuration and exit')
    migrate = commands.add_parser('migrate', help='change the database schema (default: upgrade to head)')
    migrate.add_argument('direction', nargs='?', choices=['upgrade', 'downgrade', 'current'], default='upgrade')
    migrate.add_argument('revision', nargs='?', default=None)
    user = commands.add_parser('create-user', help='add a user; the password is read from '
                               'ARMHV_API_PASSWORD or the first line of stdin')
    user.add_argument('--username', required=True)
    user.add_argument('--role', required=True, choices=security.ROLES)
    user.add_argument('--if-missing', action='store_true', help='succeed without change when the user exists')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        serving = args.command in ('serve', 'check-config')
        settings = config.load(args.config or [DEFAULT_CONFIG], serving=serving)
        return COMMANDS[args.command](settings, args)
    except ArmhvError as exc:
        print('armhv-api: %s' % exc.msg, file=sys.stderr)
        return 2


def check_config(settings, _args):
    transport = 'TLS' if settings.tls.cert else 'plain HTTP, loopback'
    print('configuration ok: serving on %s:%s (%s)' % (settings.server.host, settings.server.port, transport))
    return 0


def migrate(settings, args):
    engine = db.open_engine(settings.database.path)
    if args.direction == 'current':
        print('current %s, head %s' % (db.current_revision(engine), db.head_revision(engine)))
    elif args.direction == 'upgrade':
        db.upgrade(engine, args.revision or 'head')
    else:
        if not args.revision:
            raise ArmhvError('migrate downgrade needs a revision (or "base")')
        db.downgrade(engine, args.revision)
    return 0


def create_user(settings, args):
    password = os.environ.get('ARMHV_API_PASSWORD') or sys.stdin.readline().rstrip('\n')
    engine = db.open_engine(settings.database.path)
    if not db.schema_current(engine):
        raise ArmhvError('the database schema is not current: run armhv-api migrate first')
    if args.if_missing and users.find(engine, args.username):
        print('user %s exists' % args.username)
        return 0
    security.create_user(engine, args.username, password, args.role)
    print('user %s created with role %s' % (args.username, args.role))
    return 0


def serve(settings, _args):
    # Imported here: the other commands need neither uvicorn nor the application.
    import uvicorn

    from armhv_api.app import create_app
    from armhv_api.observe import setup_logging

    setup_logging(settings.logging.level, settings.logging.format)
    app = create_app(settings, db.open_engine(settings.database.path))
    server = settings.server
    tls = dict(ssl_certfile=settings.tls.cert, ssl_keyfile=settings.tls.key) if settings.tls.cert else {}
    options = uvicorn.Config(app, host=server.host, port=server.port, timeout_keep_alive=server.keepalive,
                             limit_concurrency=server.max_connections, log_config=None, access_log=False,
                             timeout_graceful_shutdown=server.shutdown_timeout, server_header=False,
                             proxy_headers=False, **tls)
    options.load()
    if options.ssl:
        options.ssl.minimum_version = ssl.TLSVersion.TLSv1_2
    # uvicorn stops accepting on SIGTERM, lets in-flight requests finish (up to shutdown_timeout), then exits.
    uvicorn.Server(options).run()
    return 0


COMMANDS = {'serve': serve, 'check-config': check_config, 'migrate': migrate, 'create-user': create_user}

if __name__ == '__main__':
    sys.exit(main())
