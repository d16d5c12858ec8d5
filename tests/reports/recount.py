"""A recount of a summary's subtotals and totals in plain SQL, from the
tables themselves. It imports nothing from `courses` or `reports`: if the
read model or a builder adds up wrongly, this does not share the mistake."""

import datetime

from django.db import connection

FORMATS = ["lop_hoc", "chuyen_de", "cau_lac_bo", "hoi_thao", "truc_tuyen"]

CENTERS = """
SELECT c.id, CASE WHEN parent.level = 2 THEN parent.name ELSE '' END
  FROM centers_learningcenter c
  JOIN centers_administrativeunit u ON u.id = c.unit_id
  LEFT JOIN centers_administrativeunit parent ON parent.id = u.parent_id
 WHERE u.path LIKE %(path)s
   AND c.established_on <= %(last)s AND (c.closed_on IS NULL OR c.closed_on >= %(first)s)
   AND u.valid_from <= %(last)s AND (u.valid_until IS NULL OR u.valid_until >= %(first)s)
"""


def centers_by_group(root_path: str, first: datetime.date, last: datetime.date) -> dict:
    """{district name, or '' for centers directly under the root: [center id]}
    for the centers open during [first, last] under the root then."""
    groups: dict[str, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(CENTERS, {"path": root_path + "%", "first": first, "last": last})
        for center_id, group in cursor.fetchall():
            groups.setdefault(group, []).append(center_id)
    return groups


def _one(sql: str, params) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def figures(centers: list[int], start: datetime.date, end: datetime.date) -> dict:
    """The figures of `centers` for courses starting and activities dated in
    [start, end], by SQL aggregates."""
    if not centers:
        centers = [-1]
    marks = ", ".join(["%s"] * len(centers))
    where = f"center_id IN ({marks}) AND start_date BETWEEN %s AND %s"
    params = [*centers, start, end]
    n, total, women, minority = _one(
        "SELECT COUNT(*), COALESCE(SUM(participants_total), 0), "
        "COALESCE(SUM(participants_women), 0), COALESCE(SUM(participants_ethnic_minority), 0) "
        f"FROM courses_course WHERE {where}",
        params,
    )
    result = {"courses": n, "total": total, "women": women, "minority": minority}
    for code in FORMATS:
        result[code] = _one(
            f"SELECT COUNT(*) FROM courses_course WHERE {where} AND format = %s", [*params, code]
        )[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.name, COALESCE(SUM(k.participants_total), 0) FROM courses_course k "
            "JOIN courses_topic t ON t.id = k.topic_id "
            f"WHERE k.center_id IN ({marks}) AND k.start_date BETWEEN %s AND %s GROUP BY t.name",
            params,
        )
        result["topics"] = dict(cursor.fetchall())
    a_where = f"center_id IN ({marks}) AND date BETWEEN %s AND %s"
    result["activities"], result["activity_participants"] = _one(
        f"SELECT COUNT(*), COALESCE(SUM(participants), 0) FROM courses_activity WHERE {a_where}",
        params,
    )
    return result
