#!/usr/bin/env bash
# The installable AIME (issue 8): the desktop entry and the AppStream metainfo validate, CPack
# builds the .deb, the .deb holds the binaries, the desktop entry, the metainfo and every icon,
# depends on the Qt runtime packages, and its aime binary, extracted to a temporary root,
# starts offscreen and answers --version.
#   check-package.sh BUILD_DIR SOURCE_DIR VERSION APP_ID CPACK
set -euo pipefail
build=$1 source=$2 version=$3 id=$4 cpack=$5

desktop-file-validate "$source/packaging/$id.desktop"
appstreamcli validate --no-net "$source/packaging/$id.metainfo.xml"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! "$cpack" -G DEB -B "$work/out" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    echo "FAIL: cpack could not build the package"
    exit 1
fi
deb=$(find "$work/out" -maxdepth 1 -name '*.deb' | head -n 1)
[[ -n "$deb" ]] || { echo "FAIL: no .deb in $work/out"; exit 1; }

dpkg-deb -c "$deb" | awk '{print $NF}' >"$work/contents"
expected=(
    ./usr/bin/aime
    ./usr/bin/aime-cli
    "./usr/share/applications/$id.desktop"
    "./usr/share/metainfo/$id.metainfo.xml"
    "./usr/share/icons/hicolor/scalable/apps/$id.svg"
)
for size in 16 22 24 32 48 64 128 256 512; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/$id.png")
done
missing=0
for file in "${expected[@]}"; do
    if ! grep -qxF "$file" "$work/contents"; then
        echo "FAIL: the package lacks $file"
        missing=1
    fi
done
[[ $missing -eq 0 ]] || { cat "$work/contents"; exit 1; }

depends=$(dpkg-deb -f "$deb" Depends)
for package in libqt6widgets6 libqt6sql6-sqlite libqt6network6 libqt6keychain1; do
    if ! grep -q "$package" <<<"$depends"; then
        echo "FAIL: Depends lacks $package: $depends"
        exit 1
    fi
done

dpkg-deb -x "$deb" "$work/root"
answer=$(QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/aime" --version)
if [[ "$answer" != "aime $version" ]]; then
    echo "FAIL: the installed aime answered '$answer', not 'aime $version'"
    exit 1
fi
echo "PASS: $(basename "$deb"): ${#expected[@]} files checked; Depends: $depends; '$answer'"
