#!/usr/bin/env bash
# Copies of this host's exports and control-plane archives on another host (over SSH, with rsync) or in a
# directory this host mounts, each with a SHA-256 file beside it (X.tar.gz.sha256) checked after the copy
# and before a restore.
#   backup-copy.sh push SRC DEST        SRC: the backup folder; DEST: /dir or [user@]host:/dir
#   backup-copy.sh fetch DEST NAME DIR  the newest export of NAME on DEST into DIR/instances, checked
#   backup-copy.sh check FILE           FILE against FILE.sha256, when there is one
# SSH: the ssh command and its options for a host DEST (rsync -e, and the remote checks).
set -euo pipefail

remote() { [[ $1 != /* ]]; }
host_of() { echo "${1%%:*}"; }
path_of() { if remote "$1"; then echo "${1#*:}"; else echo "$1"; fi; }

# Run a command in DEST's folder, here or on the copy host.
at() {
    local dest=$1
    shift
    if remote "$dest"; then
        $SSH "$(host_of "$dest")" "cd $(printf %q "$(path_of "$dest")") && $*"
    else
        (cd "$dest" && eval "$*")
    fi
}

# A checksum file for each archive, none left for an archive retention deleted.
sums() {
    local dir=$1 file
    cd "$dir"
    for file in *.tar.gz; do
        [ -e "$file" ] || continue
        [ -f "$file.sha256" ] || sha256sum "$file" >"$file.sha256"
    done
    for file in *.tar.gz.sha256; do
        [ -e "$file" ] || continue
        [ -f "${file%.sha256}" ] || rm -f "$file"
    done
    ls -- *.tar.gz.sha256 2>/dev/null || true
}

push() {
    local src=$1 dest=$2 part listed
    for part in instances control-plane; do
        mapfile -t listed < <(sums "$src/$part")
        if remote "$dest"; then
            $SSH "$(host_of "$dest")" "mkdir -p $(printf %q "$(path_of "$dest")/$part")"
        else
            mkdir -p "$dest/$part"
        fi
        rsync -a -e "$SSH" --include '*.tar.gz' --include '*.tar.gz.sha256' --exclude '*' "$src/$part/" "$dest/$part/"
        [ "${#listed[@]}" -eq 0 ] && continue
        if ! at "$dest/$part" sha256sum --quiet -c "${listed[@]}" >&2; then
            echo "the copies in $dest/$part do not match their checksums after the copy" >&2
            exit 3
        fi
        echo "$part: ${#listed[@]} checked"
    done
}

fetch() {
    local dest=$1 name=$2 dir=$3 newest
    newest=$(at "$dest/instances" "ls -1 -- $(printf %q "$name")-*.tar.gz 2>/dev/null" | grep -E "^$name-[0-9]{8}T[0-9]{6}Z\.tar\.gz$" | sort | tail -n 1 || true)
    if [ -z "$newest" ]; then
        echo "no export of $name in the copies at $dest" >&2
        exit 4
    fi
    mkdir -p "$dir/instances"
    rsync -a -e "$SSH" "$dest/instances/$newest" "$dest/instances/$newest.sha256" "$dir/instances/"
    check "$dir/instances/$newest" || { rm -f "$dir/instances/$newest" "$dir/instances/$newest.sha256"; exit 3; }
    echo "$dir/instances/$newest"
}

check() {
    local file=$1
    [ -f "$file.sha256" ] || return 0
    if ! (cd "$(dirname "$file")" && sha256sum --quiet -c "$(basename "$file").sha256") >/dev/null 2>&1; then
        echo "$file does not match its checksum ($(basename "$file").sha256): it is damaged, and was not restored" >&2
        return 3
    fi
}

command=$1
shift
SSH=${SSH:-ssh}
"$command" "$@"
