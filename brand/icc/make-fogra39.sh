#!/bin/sh
# Rebuild brand/icc/fogra39.icc, the CMYK output intent of press PDFs, from free data:
# the FOGRA39 characterisation data in Debian's icc-profiles-free (zlib licence), profiled
# with ArgyllCMS colprof. Profiles made with ArgyllCMS are not covered by its licence (see
# NOTICE). Byte-reproducible: the header date is pinned to the data's own date.
#   apt-get install icc-profiles-free argyll && brand/icc/make-fogra39.sh
set -eu
out=$(cd "$(dirname "$0")" && pwd)/fogra39.icc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
colprof -qm -nc -l330 \
    -D "FOGRA39 coated (ArgyllCMS colprof, icc-profiles-free FOGRA39L.ti3)" \
    -C "Data FOGRA39L.ti3 (c) Kai-Uwe Behrmann, zlib licence. Generated with ArgyllCMS colprof." \
    -O "$work/fogra39.icc" /usr/share/color/icc/FOGRA39L
# colprof stamps the header's dateTime (bytes 24-35) with the current time: pin it to the
# data's date (FOGRA39L.ti3: CREATED "December 2006"). The profile ID (84-99) is zero.
python3 - "$work/fogra39.icc" <<'PY'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
assert data[36:40] == b"acsp" and data[84:100] == bytes(16)
data[24:36] = struct.pack(">6H", 2006, 12, 1, 0, 0, 0)
open(path, "wb").write(data)
PY
mv "$work/fogra39.icc" "$out"
sha256sum "$out"
