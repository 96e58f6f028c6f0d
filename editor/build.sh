#!/bin/sh
# Rebuilds static/vendor/codemirror/sql-editor.js from the pinned packages (package-lock.json) and gathers their
# licences. Needs Node and npm (Debian: apt-get install nodejs npm); `mvn package` does not: the built file is
# committed. Run from anywhere: sh editor/build.sh
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
out=../static/vendor/codemirror
mkdir -p "$out"
npx esbuild src/sql-editor.js --bundle --alias:style-mod=./src/adopted-style-mod.js --minify --format=iife --target=es2020 --legal-comments=none \
  --outfile="$out/sql-editor.js"
{
  echo "Licences of the packages bundled into sql-editor.js (built by editor/build.sh from editor/package-lock.json)."
  for dir in node_modules/codemirror node_modules/@codemirror/* node_modules/@lezer/* node_modules/style-mod \
             node_modules/w3c-keyname node_modules/crelt node_modules/@marijn/*; do
    [ -d "$dir" ] || continue
    name=$(node -p "require('./$dir/package.json').name + '@' + require('./$dir/package.json').version")
    echo
    echo "=== $name"
    cat "$dir"/LICENSE* 2>/dev/null || node -p "'License: ' + require('./$dir/package.json').license"
  done
} > "$out/LICENSES.txt"
ls -l "$out"
