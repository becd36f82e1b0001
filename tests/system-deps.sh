#!/usr/bin/env bash
# System libraries the ledger's PDF output needs (WeasyPrint draws text with pango) and the
# pdftotext the tests read PDFs back with (poppler-utils). Installed with apt when missing and
# when run as root on Debian/Ubuntu; otherwise says what to install. Used by `make setup` and
# tests/run.sh.
set -u
missing=""
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing="$missing libpango-1.0-0"
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing="$missing libpangoft2-1.0-0"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing with apt:$missing (PDF output and its tests)" >&2
  (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
    apt-get install -y -qq $missing) >/dev/null 2>&1 || echo "apt could not install:$missing" >&2
else
  echo "For PDF output install:$missing (e.g. sudo apt-get install$missing)" >&2
fi
exit 0
