# Sourced by run.sh and test.sh: a local virtual environment with everything installed.
set -eu
cd "$(dirname "$0")/.."
PYTHON_BIN=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv ..."
  "$PYTHON_BIN" -m venv .venv
fi
packages="-e .[test]"
if [ -f packages/recapture/pyproject.toml ]; then packages="$packages -e ./packages/recapture[plot,test]"; fi
wanted=$(cat pyproject.toml packages/*/pyproject.toml 2>/dev/null | sha256sum | cut -c1-64)
if [ "$(cat .venv/.installed 2>/dev/null || true)" != "$wanted" ]; then
  echo "Installing dependencies (first run takes a few minutes) ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  # shellcheck disable=SC2086
  .venv/bin/python -m pip install --quiet $packages
  echo "$wanted" > .venv/.installed
fi
