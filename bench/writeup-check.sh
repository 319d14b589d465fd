#!/usr/bin/env bash
# Issue 15: the 附件4 check of one Word write-up, warm (DocumentChecker on the effective formatting of a .docx
# of about 20 paragraphs, two pictures and a table, opened from its file each time).
# Usage: bench/writeup-check.sh [measured-rounds] [warm-up-rounds]     (each round checks three write-ups)
set -euo pipefail
source "$(dirname "$0")/common.sh"
fixture WriteupBench "${1:-200}" "${2:-100}"
