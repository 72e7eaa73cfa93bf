#!/usr/bin/env bash
# Startup task of WorkerRole (simple, limited): make sure the Scratch local resource exists and is writable
# before OnStart. Exit 0 lets the instance start; anything else keeps it from starting, with the reason on stderr.
set -euo pipefail
if [ -z "${SCRATCH_PATH:-}" ]; then
  echo "prepare-local-storage: SCRATCH_PATH is not set (RoleInstanceValue of the Scratch local resource)" >&2
  exit 1
fi
mkdir -p "$SCRATCH_PATH"
probe="$SCRATCH_PATH/.startup-probe"
if ! : > "$probe"; then
  echo "prepare-local-storage: cannot write to $SCRATCH_PATH" >&2
  exit 1
fi
rm -f "$probe"
echo "prepare-local-storage: $SCRATCH_PATH is ready"
