"""Benchmark: peak memory of the hardened workbook reader on hostile files.

    DEBUG=true .venv/bin/python benchmarks/hostile_workbooks.py

Each case is generated up to the configured limits (WORKBOOK_MAX_BYTES,
WORKBOOK_MAX_UNCOMPRESSED_BYTES, WORKBOOK_MAX_SHARED_STRINGS) and read in a
fresh child process; the script prints what the reader answered, the
seconds, and the child's peak resident memory. The promise is a peak under
200 MiB for any file up to the size limit. A benchmark, not a test: the
figures are noisy on a shared machine.
"""

import io
import os
import random
import resource
import string
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

LIMIT_MIB = 200


def _book(sheet_rows: str, shared: str = "") -> bytes:
    from tests.centers.test_workbooks import xlsx

    extra = {"xl/sharedStrings.xml": shared} if shared else None
    return xlsx(sheet_rows, extra=extra).getvalue()


def _cases(max_bytes: int, max_strings: int) -> dict:
    rng = random.Random(2020)
    noise = "".join(rng.choices(string.ascii_letters + string.digits, k=max_bytes - 4096))
    strings = "".join(
        f"<si><t>{''.join(rng.choices(string.ascii_letters, k=12))}</t></si>"
        for _ in range(max_strings)
    )
    sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{rng.random()}</t></is></c></row>'
        for n in range(1, 400_000)
    )
    from tests.centers.xlsx import national_rows, workbook_bytes

    return {
        "national list (10,603 communes)": workbook_bytes(national_rows(), title=False).getvalue(),
        "one 1 GB cell of one letter": _zip_stream("A", 2**30),
        "3 GB of empty rows": _zip_stream('<row r="1"/>', 3 * 2**30),
        "one incompressible cell at the size limit": _book(
            f'<row r="1"><c r="A1" t="inlineStr"><is><t>{noise}</t></is></c></row>'
        ),
        "shared strings at the limit": _book('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', sst),
        "400,000 rows of noise": _book(rows),
    }


def _zip_stream(unit: str, size: int) -> bytes:
    """A sheet of `size` bytes repeating `unit`, compressed (~1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        from tests.centers.test_workbooks import CONTENT_TYPES, MAIN_TYPE, RELS, WORKBOOK

        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=MAIN_TYPE))
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = (unit * (2**20 // len(unit) + 1))[: 2**20].encode()
            for _ in range(size // len(chunk)):
                sheet.write(chunk)
    return buffer.getvalue()


def _peak_resident_mib() -> float:
    """This process's peak resident memory (VmHWM, which starts anew at exec;
    ru_maxrss would carry the parent's high-water mark over)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read(path: str) -> None:
    """Child process: read the file, print the outcome and peak memory."""
    import django

    django.setup()
    from centers.workbooks import WorkbookError, read_rows

    started = time.perf_counter()
    with open(path, "rb") as handle:
        try:
            count = sum(1 for _row in read_rows(handle))
            outcome = f"read {count} rows"
        except WorkbookError as error:
            outcome = "refused: " + error.messages[0][:70]
    seconds = time.perf_counter() - started
    peak = _peak_resident_mib()
    print(f"{seconds:6.1f} s  {peak:6.0f} MiB  {outcome}")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings

    cases = _cases(settings.WORKBOOK_MAX_BYTES, settings.WORKBOOK_MAX_SHARED_STRINGS)
    limit = settings.WORKBOOK_MAX_BYTES / 2**20
    print(f"limit {limit:.0f} MiB per file; peak must stay < {LIMIT_MIB} MiB")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in cases.items():
            path = Path(folder) / "book.xlsx"
            path.write_bytes(data)
            print(f"{name} ({len(data) / 2**20:.1f} MiB):", end=" ", flush=True)
            result = subprocess.run(
                [sys.executable, __file__, "--read", str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            print(result.stdout.strip() or result.stderr.strip()[-300:])


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--read":
        _read(sys.argv[2])
    else:
        main()
