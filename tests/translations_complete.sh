#!/usr/bin/env bash
# Fails when the Chinese translation misses a string of the sources: runs lupdate into a
# copy of the .ts (the repository's file is not touched) and counts unfinished entries.
set -euo pipefail
lupdate=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/translations/comfydesk_zh_CN.ts" "$work/zh_CN.ts"
"$lupdate" -silent -locations none "$root/src/gui" "$root/src/app" "$root/ui" \
    -ts "$work/zh_CN.ts"
unfinished=$(grep -c 'type="unfinished"' "$work/zh_CN.ts" || true)
vanished=$(grep -c 'type="vanished"\|type="obsolete"' "$work/zh_CN.ts" || true)
total=$(grep -c '<source>' "$work/zh_CN.ts" || true)
echo "zh_CN: $total strings, $unfinished unfinished, $vanished no longer used"
if [ "$unfinished" -ne 0 ]; then
    grep -B3 'type="unfinished"' "$work/zh_CN.ts" | grep '<source>' | head -40
    exit 1
fi
# English: only the plural forms of the %n strings.
cp "$root/translations/comfydesk_en.ts" "$work/en.ts"
"$lupdate" -silent -pluralonly -locations none "$root/src/gui" "$root/src/app" "$root/ui" \
    -ts "$work/en.ts"
unfinished=$(grep -c 'type="unfinished"' "$work/en.ts" || true)
echo "en: $(grep -c '<source>' "$work/en.ts" || true) plural strings, $unfinished unfinished"
if [ "$unfinished" -ne 0 ]; then
    grep -B3 'type="unfinished"' "$work/en.ts" | grep '<source>' | head -40
    exit 1
fi
