#!/usr/bin/env bash
# The wheels every virtualenv of a CI run installs, built once into one folder (the
# argument): the hash-pinned requirements/dev.txt (hashes checked here, and again by
# each `pip install --require-hashes`, which accepts these same files), setuptools
# (the build backend `pip install -e .` needs, pyproject's [build-system]) and the uv
# that `python3 dev.py lock` installs. .ci/run points PIP_FIND_LINKS at the folder, and
# the suites that only install these switch pip's index off (PIP_NO_INDEX=1): a new
# virtualenv then costs seconds of unpacking, not a minute of downloads. Kept between
# runs (the default folder is under ~/.cache) and rebuilt when the lock file changes.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="$1"
uv="$(sed -n 's/^UV = "\([^"]*\)".*/\1/p' dev.py)"
want="$(cat requirements/dev.txt pyproject.toml | sha256sum | cut -d' ' -f1) $uv"
if [ -f "$dest/.built-from" ] && [ "$(cat "$dest/.built-from")" = "$want" ]; then
    echo "wheelhouse $dest is up to date ($(ls "$dest" | wc -l) wheels)"
    exit 0
fi
mkdir -p "$dest"
pip=(python3 -m pip --disable-pip-version-check wheel --quiet --wheel-dir "$dest")
"${pip[@]}" --require-hashes -r requirements/dev.txt
"${pip[@]}" "$(sed -n 's/^requires = \["\([^"]*\)"\]$/\1/p' pyproject.toml)" ${uv:+"$uv"}
echo "$want" >"$dest/.built-from"
echo "wheelhouse $dest: $(ls "$dest" | wc -l) wheels"
