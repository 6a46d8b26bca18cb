#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs Python < 3.11), or explain and fail.
# Looks on PATH first, then in pyenv's versions. A pyenv shim on PATH that is not activated fails
# when run, so each candidate is run, not just found.
set -u
is_310() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }
for candidate in python3.10 python3 python; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if is_310 "$path"; then
    # A shim works only inside its pyenv context; resolve it to the real interpreter.
    real=$("$path" -c 'import sys; print(sys.executable)' 2>/dev/null)
    echo "${real:-$path}"; exit 0
  fi
done
roots=()
command -v pyenv >/dev/null 2>&1 && roots+=("$(pyenv root)")
roots+=("${PYENV_ROOT:-$HOME/.pyenv}")
for root in "${roots[@]}"; do
  for path in $(ls -d "$root"/versions/3.10*/bin/python3.10 2>/dev/null | sort -rV); do
    if is_310 "$path"; then echo "$path"; exit 0; fi
  done
done
cat >&2 <<'MSG'
error: Python 3.10 was not found. Rasa 3.6 runs on Python 3.8-3.10 only.
  Install it (for example `pyenv install 3.10.13`, or your system's python3.10 package),
  then run the command again. The Makefile looks for python3.10 on PATH and in pyenv.
MSG
exit 1
