"""LibreOffice in the tests: one headless conversion, and a failure that says what soffice said.

Each call gets its own user profile (``-env:UserInstallation``) in the test's own
temporary folder: soffice processes sharing a profile hand their work to each
other or refuse to start, and the suite runs on several workers at once.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

# soffice exits 0 even when it wrote nothing ("Error: source file could not be loaded"); under a
# loaded machine a first start on a fresh profile has been seen to do so once. One more try.
TRIES = 2


def convert(source: Path, to: str, *, timeout: int = 180) -> Path:
    """Convert ``source`` with ``soffice --convert-to to`` beside it; the converted file's path."""
    folder = source.parent
    target = folder / f"{source.stem}.{to.split(':')[0]}"
    said = []
    for attempt in range(TRIES):
        result = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/lo-profile-{attempt}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(folder),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        said.append(f"exit {result.returncode}: {result.stdout.strip()} {result.stderr.strip()}")
        if result.returncode == 0 and target.exists():
            return target
    raise AssertionError(f"LibreOffice wrote no {target.name}: " + " | ".join(said))
