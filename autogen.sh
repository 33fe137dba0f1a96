#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Bootstrap the build system from a checkout: ./autogen.sh && ./configure && make
set -e
cd "$(dirname "$0")"
autoreconf --install --force
