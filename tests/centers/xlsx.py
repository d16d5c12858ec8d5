"""Statistics-office style workbooks for import tests and the benchmark."""

import io
import random
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Font

# The column order of the office's export (names before codes, an English
# name at the end) — the importer must not rely on the order.
HEADER = [
    "Tỉnh / Thành Phố",
    "Mã TP",
    "Quận Huyện",
    "Mã QH",
    "Phường Xã",
    "Mã PX",
    "Cấp",
    "Tên Tiếng Anh",
]

HA_TINH_2020 = [
    # (province, code, district, code, commune, code, kind)
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Trần Phú", "18070", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Nam Hà", "18073", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Bắc Hà", "18076", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Nguyễn Du", "18077", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Tân Giang", "18079", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Đại Nài", "18082", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Hà Huy Tập", "18085", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Xã Thạch Trung", "18088", "Xã"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Thạch Quý", "18091", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Thạch Linh", "18094", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Phường Văn Yên", "18097", "Phường"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Xã Thạch Hạ", "18100", "Xã"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Xã Đồng Môn", "18103", "Xã"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Xã Thạch Hưng", "18109", "Xã"),
    ("Tỉnh Hà Tĩnh", "42", "Thành phố Hà Tĩnh", "436", "Xã Thạch Bình", "18112", "Xã"),
]


def workbook_bytes(rows, *, header=HEADER, title=True, font=None) -> io.BytesIO:
    """An .xlsx with an optional title block, the header and `rows`
    (each a tuple in HA_TINH_2020's order, laid out under `header`)."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["DANH MỤC ĐƠN VỊ HÀNH CHÍNH"])
        sheet.append(["Ngày xuất: 01/01/2020"])
        sheet.append([])
    sheet.append(header)
    for row in rows:
        values = dict(zip(HEADER[:7], row, strict=False))
        sheet.append([values.get(column, "") for column in header])
    if font:
        for cells in sheet.iter_rows():
            for cell in cells:
                cell.font = Font(name=font)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def national_rows(provinces=63, districts=705, communes=10_603, seed=2020):
    """A list of the national list's shape and size: 63 provinces, 705
    districts, 10,603 communes, Vietnamese names, real code widths."""
    rng = random.Random(seed)
    words = [
        "An",
        "Bình",
        "Cẩm",
        "Đông",
        "Hà",
        "Hòa",
        "Hưng",
        "Lộc",
        "Minh",
        "Nam",
        "Phú",
        "Quang",
        "Sơn",
        "Tân",
        "Thạch",
        "Thanh",
        "Trung",
        "Vĩnh",
        "Xuân",
        "Yên",
    ]

    def name():
        return f"{rng.choice(words)} {rng.choice(words)}"

    rows = []
    district_of = [d % provinces for d in range(districts)]
    district_names = [f"Huyện {name()} {d}" for d in range(districts)]
    for c in range(communes):
        d = c % districts
        p = district_of[d]
        kind = rng.choice(["Xã", "Phường", "Thị trấn"])
        rows.append(
            (
                f"Tỉnh {words[p % len(words)]} {p}",
                f"{p + 1:02d}",
                district_names[d],
                f"{d + 1:03d}",
                f"{kind} {name()}",
                f"{c + 1:05d}",
                kind,
            )
        )
    return rows


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)
