#!/usr/bin/env bash
# Makes the small sample videos the task-state stories play (committed; this documents them).
# The widget stories do not use these: they get real files from the local Runware.
set -euo pipefail
cd "$(dirname "$0")/public/samples"
FFMPEG="${FFMPEG_PATH:-$(node -p "require('@ffmpeg-installer/ffmpeg').path")}"
colors=(0x4338ca 0x067647 0xb42318 0xb45309)
for i in 1 2 3 4; do
  "$FFMPEG" -hide_banner -loglevel error -y -f lavfi \
    -i "testsrc2=size=432x240:rate=24:duration=1.2,hue=h=$((i * 70))" \
    -vf "drawbox=x=0:y=200:w=432:h=40:color=${colors[$((i - 1))]}@0.9:t=fill" \
    -c:v libx264 -preset veryfast -crf 32 -pix_fmt yuv420p -movflags +faststart "sample-$i.mp4"
done
# A portrait one, for the stories of 9:16 results.
"$FFMPEG" -hide_banner -loglevel error -y -f lavfi \
  -i "testsrc2=size=240x432:rate=24:duration=1.2" \
  -c:v libx264 -preset veryfast -crf 32 -pix_fmt yuv420p -movflags +faststart "sample-portrait.mp4"
