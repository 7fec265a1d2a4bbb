#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for this deck, and does nothing that is
# already done: installs the npm dependencies (exact versions from the lock
# file), then the system tools npm cannot provide, when they are missing:
#   chromium       renders and exports the slides (unless CHROMIUM_PATH or Playwright's own browser is there)
#   ffmpeg         encodes the video (ffprobe checks it)
#   poppler-utils  pdftoppm/pdffonts, used by the tests to look at the PDFs
#   festival festvox-us-slt-hts   the offline voice of `npm run video -- --voice` (and its tests)
#   pocketsphinx pocketsphinx-en-us  the offline recogniser of a recorded talk's automatic captions (`video --recording`)
set -euo pipefail
cd "$(dirname "$0")/.."

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node.js >= 20.19 is needed, this is "+process.version); process.exit(1) }'

# npm ci only when node_modules does not match the lock file.
stamp=node_modules/.lock-checksum
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$sum" > "$stamp"
fi
# The toolkit's bin runs its built dist/ (packages/slidev-pipeline): built here, and again only when its src/ changed.
npm run --silent build -w slidev-pipeline

missing=()
npx --no-install slidev-pipeline browser >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
{ command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || missing+=(ffmpeg)
{ command -v pdftoppm && command -v pdffonts; } >/dev/null 2>&1 || missing+=(poppler-utils)
# Festival may be there without the voice: ask it for the voice by name.
voice=$(festival -b "(if (member 'cmu_us_slt_arctic_hts (voice.list)) (print \"found\"))" 2>/dev/null || true)
[[ "$voice" == *found* ]] || missing+=(festival festvox-us-slt-hts)
{ command -v pocketsphinx_continuous && [ -d /usr/share/pocketsphinx/model/en-us/en-us ]; } >/dev/null 2>&1 || missing+=(pocketsphinx pocketsphinx-en-us)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing with apt-get: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Not root and no sudo: please run  apt-get install ${missing[*]}" >&2
    exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "Chromium: $(npx --no-install slidev-pipeline browser)"
