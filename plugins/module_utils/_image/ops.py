# -*- coding: utf-8 -*-
# Copyright (c) armhv.hypervisor contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# This module_utils is PRIVATE and should only be used by this collection.
# Breaking changes can occur at any time.
"""Image changes against the daemon; check mode skips each mutation, never contacts an image server, and
walks the same path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib

from urllib.parse import quote

from ansible_collections.armhv.hypervisor.plugins.module_utils._errors import ArmhvError, InvalidRequest, NotFound
from ansible_collections.armhv.hypervisor.plugins.module_utils._image.plan import image_view
from ansible_collections.armhv.hypervisor.plugins.module_utils._image.servers import remote_fingerprint
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.plan import image_source
from ansible_collections.armhv.hypervisor.plugins.module_utils._instance.remotes import resolved
from ansible_collections.armhv.hypervisor.plugins.module_utils._results import Run


def alias_path(name):
    return 'images/aliases/%s' % quote(name, safe='')


def get_image(api, alias):
    found = api.get(alias_path(alias))
    raw = api.get('images/%s' % found['target']) if found else None
    return image_view(raw) if raw else None


def list_images(api, alias=None):
    """The local images, sorted by their first alias then fingerprint (the one an alias names, or [])."""
    if alias is not None:
        found = get_image(api, alias)
        return [found] if found else []
    views = [image_view(raw) for raw in api.get('images', params={'recursion': 1}) or []]
    return sorted(views, key=lambda view: (view['aliases'][:1] or ['~'], view['fingerprint']))


def ensure_image(api, request, check_mode, context=None):
    """Converge one image, named by its alias, to a request from _image.spec.request_from_params."""
    run = Run(api, request, check_mode, context)
    before = get_image(api, request['name'])
    if request['state'] == 'absent':
        if before:
            run.send('delete', 'DELETE', 'images/%s' % before['fingerprint'])
        return run.result(image={}, diff=dict(before=shown(before), after={}))
    source = request['source']
    # Read once: the tarball can be large.
    file_fp = file_fingerprint(source['path']) if source and source['kind'] == 'file' else None
    fetch = wanted_anew(before, request, file_fp)
    if request['refresh'] and not fetch and before['source'] is None:
        raise InvalidRequest('image %s was imported, not copied from a server: it has nothing to refresh from'
                             % request['name'])
    after = ensure_fetched(run, before, file_fp) if fetch else before
    after = ensure_settings(run, after)
    if request['refresh'] and not fetch:
        after = refreshed(run, after)
    if run.actions and not check_mode:
        after = get_image(api, request['name'])
    return run.result(image=after, diff=dict(before=shown(before), after=shown(after)))


def shown(view):
    return dict((k, view[k]) for k in ('fingerprint', 'architecture', 'aliases', 'auto_update', 'public')) if view else {}


def wanted_anew(view, request, file_fp):
    """Whether the alias must name another image: it names none, an imported file (file_fp, its
    fingerprint) changed, or the image it names is of another architecture than asked."""
    source = request['source']
    if view is None:
        if source is None:
            raise NotFound('image alias %s does not exist and neither file nor remote_image is given to make it'
                           % request['name'], 'image', request['name'])
        return True
    if file_fp:
        return file_fp != view['fingerprint']
    return bool(request['architecture']) and request['architecture'] != view['architecture']


def file_fingerprint(path):
    """A unified image tarball's fingerprint is its SHA-256."""
    digest = hashlib.sha256()
    try:
        with open(path, 'rb') as handle:
            for block in iter(lambda: handle.read(1 << 20), b''):
                digest.update(block)
    except (IOError, OSError) as exc:
        raise InvalidRequest('cannot read image file %s: %s' % (path, exc.strerror or exc))
    return digest.hexdigest()


def ensure_fetched(run, before, file_fp):
    """Import the file or copy the remote image, then point the alias at it; an image this call made is
    deleted again when the alias cannot be set."""
    source = run.request['source']
    planned = dict(fingerprint=None, architecture=run.request['architecture'], type='container',
                   aliases=[run.request['name']], auto_update=False, public=False, description='', properties={},
                   size=None, source=None)
    if file_fp:
        fingerprint = planned['fingerprint'] = file_fp
        present = run.client.get('images/%s' % fingerprint) is not None
        if not present:
            run.act('import', lambda: import_file(run.client, source['path']))
    else:
        # The daemon copies them with the image.
        planned.update(auto_update=bool(run.request['desired']['auto_update']),
                       public=bool(run.request['desired']['public']))
        present = False
        # None in check mode: the daemon alone knows which image the alias names there.
        fingerprint = planned['fingerprint'] = run.act('pull', lambda: pull(run))
    try:
        run.act('alias', lambda: point_alias(run.client, run.request['name'], fingerprint, before))
    except ArmhvError as exc:
        if not present:
            run.client.call('DELETE', 'images/%s' % fingerprint)
            raise exc.reworded(exc.msg + '; the image this task made was deleted again')
        raise
    return planned


def import_file(api, path):
    with open(path, 'rb') as handle:
        return api.upload('images', handle)


def pull(run):
    """Copy the remote image into the local store (the daemon downloads it); returns its fingerprint."""
    api, architecture = run.client, run.request['architecture']
    origin = resolved(run.request['source'], api.identity()['server'])
    body_source = image_source(origin['image'], False, origin)
    if architecture and architecture != own_architecture(api):
        # The daemon picks an alias's image for its own architecture: name the other one's fingerprint.
        body_source.pop('alias', None)
        body_source['fingerprint'] = remote_fingerprint(origin, architecture, api.timeout)
    desired = run.request['desired']
    body = dict(source=body_source, auto_update=bool(desired['auto_update']), public=bool(desired['public']))
    done = api.call('POST', 'images', body)
    return ((done or {}).get('metadata') or {}).get('fingerprint')


def own_architecture(api):
    return (api.server().get('environment') or {}).get('kernel_architecture')


def point_alias(api, name, fingerprint, before):
    if before is None:
        api.call('POST', 'images/aliases', dict(name=name, target=fingerprint, description=''))
    else:
        api.call('PUT', alias_path(name), dict(target=fingerprint, description=''))


def ensure_settings(run, view):
    """auto_update and public as asked, and the extra aliases pointed at this image."""
    desired = run.request['desired']
    changes = dict((key, desired[key]) for key in ('auto_update', 'public')
                   if desired[key] is not None and desired[key] != view[key])
    known = view['fingerprint']
    if changes:
        run.act('update', lambda: run.client.call('PATCH', 'images/%s' % (known or image_fingerprint(run)), changes))
        view = dict(view, **changes)
    for name in desired['aliases']:
        if name not in view['aliases']:
            moved = run.client.get(alias_path(name)) is not None
            run.act('alias', lambda name=name, moved=moved: point_alias(
                run.client, name, known or image_fingerprint(run), {} if moved else None))
            view = dict(view, aliases=sorted(view['aliases'] + [name]))
    return view


def image_fingerprint(run):
    """The image the alias names now: a copy this run made has no fingerprint until the daemon made it."""
    return get_image(run.client, run.request['name'])['fingerprint']


def refreshed(run, view):
    """Ask the daemon to refresh a copied image from its server (never in check mode: that would contact
    the server); reported only when the server had a newer one."""
    if run.check_mode:
        return view
    done = run.client.call('POST', 'images/%s/refresh' % view['fingerprint'])
    if ((done or {}).get('metadata') or {}).get('refreshed'):
        run.actions.append('refresh')
    return view
