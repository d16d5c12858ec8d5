"""The exact outcome of every route for every role and method (see
tests/test_url_matrix.py). Each row is `cell(default, role=outcome, …)`:
the outcome for every role not named is the default. An outcome is a status
code, or "302:<view name>" for a redirect and where it goes."""

ROLES = [
    "anonymous",
    "director_a",
    "staff_a",
    "director_b",
    "office_over_a",
    "office_not_over_a",
    "province_office",
    "office_staff_over_a",
    "center_staff_a",
    "admin",
]


def cell(default, **outcomes):
    unknown = set(outcomes) - set(ROLES)
    assert not unknown, unknown
    return {role: outcomes.get(role, default) for role in ROLES}


PAGE_EXPECTED = {
    # -- Excel downloads and background exports (read-only: POST is 405) --------
    "reports:center_report_export": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "reports:export_download": {  # an export is its requester's alone
        "GET": cell(404, anonymous="302:login", office_over_a=200),
        "POST": cell(405, anonymous="302:login"),
    },
    "reports:export_status": {
        "GET": cell(404, anonymous="302:login", office_over_a=200),
        "POST": cell(405, anonymous="302:login"),
    },
    "reports:office_export": {  # follows the office's dashboard
        "GET": cell(
            404, anonymous="302:login", office_over_a=200, office_staff_over_a=200, admin=200
        ),
        "POST": cell(405, anonymous="302:login"),
    },
    "reports:report_form": {  # office users pick within their own scope
        "GET": cell(
            200,
            anonymous="302:login",
            director_a=404,
            staff_a=404,
            director_b=404,
            center_staff_a=404,
        ),
        "POST": cell(405, anonymous="302:login"),
    },
    "centers:center_detail": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "centers:center_list": {
        "GET": cell(200, anonymous="302:login"),
        "POST": cell(405, anonymous="302:login"),
    },
    "centers:office_account_password": {
        "GET": cell(405, anonymous="302:login"),
        "POST": cell(
            404, anonymous="302:login", office_over_a=200, office_staff_over_a=200, admin=200
        ),
    },
    "centers:office_account_unlock": {
        "GET": cell(405, anonymous="302:login"),
        "POST": cell(
            404,
            anonymous="302:login",
            office_over_a="302:centers:office_accounts",
            office_staff_over_a="302:centers:office_accounts",
            admin="302:centers:office_accounts",
        ),
    },
    "centers:office_accounts": {
        "GET": cell(
            404, anonymous="302:login", office_over_a=200, office_staff_over_a=200, admin=200
        ),
        "POST": cell(405, anonymous="302:login"),
    },
    "courses:activity_create": {
        "GET": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
        "POST": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
    },
    "courses:activity_delete": {
        "GET": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
        "POST": cell(
            403,
            anonymous="302:login",
            director_a="302:courses:activity_detail",
            staff_a="302:courses:activity_detail",
            director_b=404,
            office_not_over_a=404,
            center_staff_a="302:courses:activity_detail",
        ),
    },
    "courses:activity_detail": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "courses:activity_edit": {
        "GET": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
        "POST": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
    },
    "courses:activity_history": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "courses:activity_list": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login", director_b=404, office_not_over_a=404),
    },
    "courses:campaign": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(403, anonymous="302:login", director_b=404, office_not_over_a=404),
    },
    "courses:choose_center": {
        "GET": cell(200, anonymous="302:login"),
        "POST": cell(403, anonymous="302:login"),
    },
    "courses:course_create": {
        "GET": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
        "POST": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
    },
    "courses:course_delete": {
        "GET": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
        "POST": cell(
            403,
            anonymous="302:login",
            director_a="302:courses:course_detail",
            staff_a="302:courses:course_detail",
            director_b=404,
            office_not_over_a=404,
            center_staff_a="302:courses:course_detail",
        ),
    },
    "courses:course_detail": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "courses:course_edit": {
        "GET": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
        "POST": cell(
            403,
            anonymous="302:login",
            director_a=200,
            staff_a=200,
            director_b=404,
            office_not_over_a=404,
            center_staff_a=200,
        ),
    },
    "courses:course_history": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "courses:course_list": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login", director_b=404, office_not_over_a=404),
    },
    "courses:dashboard": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "courses:submission": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(404, anonymous="302:login"),
    },
    "courses:submission_list": {
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "home": {
        "GET": cell(
            200,
            anonymous="302:login",
            office_over_a="302:reports:office_dashboard",
            office_not_over_a="302:reports:office_dashboard",
            province_office="302:reports:office_dashboard",
            office_staff_over_a="302:reports:office_dashboard",
        ),
        "POST": cell(405, anonymous="302:login"),
    },
    "login": {
        "GET": cell("302:home", anonymous=200),
        "POST": cell("302:home", anonymous=200),
    },
    "logout": {
        "GET": cell(405),
        "POST": cell("302:login"),
    },
    "password_change": {
        "GET": cell(200, anonymous="302:login"),
        "POST": cell(200, anonymous="302:login"),
    },
    "password_change_done": {
        "GET": cell(200, anonymous="302:login"),
        "POST": cell(405, anonymous="302:login"),
    },
    "password_reset": {
        "GET": cell(200),
        "POST": cell(200),
    },
    "password_reset_complete": {
        "GET": cell(200),
        "POST": cell(405),
    },
    "password_reset_confirm": {
        "GET": cell(200),
        "POST": cell(200),
    },
    "password_reset_done": {
        "GET": cell(200),
        "POST": cell(405),
    },
    "reports:office_dashboard": {
        "GET": cell(
            404, anonymous="302:login", office_over_a=200, office_staff_over_a=200, admin=200
        ),
        "POST": cell(405, anonymous="302:login"),
    },
    "reports:office_extend": {
        "GET": cell(405, anonymous="302:login"),
        # An empty form: the dashboard again, with the form's errors.
        "POST": cell(
            404, anonymous="302:login", office_over_a=200, office_staff_over_a=200, admin=200
        ),
    },
    "reports:office_remind": {
        "GET": cell(405, anonymous="302:login"),
        "POST": cell(
            404,
            anonymous="302:login",
            office_over_a="302:reports:office_dashboard",
            office_staff_over_a="302:reports:office_dashboard",
            admin="302:reports:office_dashboard",
        ),
    },
    # -- imports from Excel (a checked course file office_over_a uploaded for A) ------
    "imports:batch_list": {  # each user's own batches (and those for centers they see)
        "GET": cell(200, anonymous="302:login"),
        "POST": cell(405, anonymous="302:login"),
    },
    "imports:import_template": {  # courses: anyone who writes a center's or an office's
        "GET": cell(200, anonymous="302:login"),
        "POST": cell(405, anonymous="302:login"),
    },
    "imports:import_upload": {  # an empty POST shows the form again
        "GET": cell(200, anonymous="302:login"),
        "POST": cell(200, anonymous="302:login"),
    },
    "imports:batch_detail": {  # the uploader's, and seen with the center it was for
        "GET": cell(200, anonymous="302:login", director_b=404, office_not_over_a=404),
        "POST": cell(405, anonymous="302:login"),
    },
    "imports:batch_confirm": {  # the uploader alone confirms
        "GET": cell(405, anonymous="302:login"),
        "POST": cell(
            403,
            anonymous="302:login",
            director_b=404,
            office_not_over_a=404,
            office_over_a="302:imports:batch_detail",
        ),
    },
    "imports:batch_undo": {  # the uploader or an administrator; a checked file has nothing to undo
        "GET": cell(405, anonymous="302:login"),
        "POST": cell(
            403,
            anonymous="302:login",
            director_b=404,
            office_not_over_a=404,
            office_over_a="302:imports:batch_detail",
            admin="302:imports:batch_detail",
        ),
    },
}

ADMIN_EXPECTED = {
    "admin:app_list": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:auth_group_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:auth_group_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:auth_group_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:auth_group_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:auth_group_changelist",
        ),
    },
    "admin:auth_group_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:auth_user_password_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:autocomplete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "admin:axes_accessattempt_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:axes_accessattempt_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:axes_accessattempt_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:axes_accessattempt_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login", office_staff_over_a=403, center_staff_a=403, admin="302:admin:index"
        ),
    },
    "admin:axes_accessattempt_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:axes_accessfailurelog_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:axes_accessfailurelog_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:axes_accessfailurelog_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:axes_accessfailurelog_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login", office_staff_over_a=403, center_staff_a=403, admin="302:admin:index"
        ),
    },
    "admin:axes_accessfailurelog_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:axes_accesslog_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:axes_accesslog_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:axes_accesslog_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:axes_accesslog_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login", office_staff_over_a=403, center_staff_a=403, admin="302:admin:index"
        ),
    },
    "admin:axes_accesslog_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_accountaction_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:centers_accountaction_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:centers_accountaction_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_accountaction_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login", office_staff_over_a=403, center_staff_a=403, admin="302:admin:index"
        ),
    },
    "admin:centers_accountaction_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_administrativeunit_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_administrativeunit_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_administrativeunit_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_administrativeunit_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_administrativeunit_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_administrativeunit_merge": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_appointment_add": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_appointment_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=403, admin=200),
    },
    "admin:centers_appointment_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_appointment_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a="302:admin:centers_appointment_changelist",
            center_staff_a=403,
            admin="302:admin:centers_appointment_changelist",
        ),
    },
    "admin:centers_appointment_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_learningcenter_add": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=403, admin=200),
    },
    "admin:centers_learningcenter_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=403, admin=200),
    },
    "admin:centers_learningcenter_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_learningcenter_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=403, admin=200),
    },
    "admin:centers_learningcenter_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_office_add": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_office_change": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
        "POST": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
    },
    "admin:centers_office_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:centers_office_delete": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
        "POST": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
    },
    "admin:centers_office_history": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
        "POST": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
    },
    "admin:centers_unitsuccession_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_unitsuccession_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_unitsuccession_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_unitsuccession_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:centers_unitsuccession_changelist",
        ),
    },
    "admin:centers_unitsuccession_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_user_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_user_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_user_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_user_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:centers_user_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_activity_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_activity_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_activity_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_activity_delete": {
        "GET": cell(
            "302:admin:login",
            office_staff_over_a="302:admin:courses_activity_change",
            center_staff_a="302:admin:courses_activity_change",
            admin="302:admin:courses_activity_change",
        ),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a="302:admin:courses_activity_change",
            center_staff_a="302:admin:courses_activity_change",
            admin="302:admin:courses_activity_change",
        ),
    },
    "admin:courses_activity_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_activity_simple_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_campaign_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_campaign_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_campaign_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_campaign_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_campaign_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_campaignreport_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_campaignreport_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_campaignreport_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_campaignreport_delete": {
        "GET": cell(
            "302:admin:login",
            office_staff_over_a="302:admin:courses_campaignreport_change",
            center_staff_a="302:admin:courses_campaignreport_change",
            admin="302:admin:courses_campaignreport_change",
        ),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a="302:admin:courses_campaignreport_change",
            center_staff_a="302:admin:courses_campaignreport_change",
            admin="302:admin:courses_campaignreport_change",
        ),
    },
    "admin:courses_campaignreport_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_campaignreport_simple_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_collectedperiod_add": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_collectedperiod_change": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
        "POST": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
    },
    "admin:courses_collectedperiod_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_collectedperiod_delete": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a="302:admin:courses_collectedperiod_changelist",
            center_staff_a="302:admin:index",
            admin="302:admin:courses_collectedperiod_changelist",
        ),
    },
    "admin:courses_collectedperiod_history": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
        "POST": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
    },
    "admin:courses_course_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_course_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_course_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_course_delete": {
        "GET": cell(
            "302:admin:login",
            office_staff_over_a="302:admin:courses_course_change",
            center_staff_a="302:admin:courses_course_change",
            admin="302:admin:courses_course_change",
        ),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a="302:admin:courses_course_change",
            center_staff_a="302:admin:courses_course_change",
            admin="302:admin:courses_course_change",
        ),
    },
    "admin:courses_course_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_course_simple_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_deadlineextension_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:courses_deadlineextension_change": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_deadlineextension_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_deadlineextension_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:courses_deadlineextension_changelist",
        ),
    },
    "admin:courses_deadlineextension_history": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
        "POST": cell(
            "302:admin:login", office_staff_over_a=200, center_staff_a="302:admin:index", admin=200
        ),
    },
    "admin:courses_submission_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:courses_submission_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:courses_submission_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_submission_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:courses_submission_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_submission_simple_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:courses_topic_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_topic_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:courses_topic_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:courses_topic_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:courses_topic_changelist",
        ),
    },
    "admin:courses_topic_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:index": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:jsi18n": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "admin:login": {
        "GET": cell(
            200,
            office_staff_over_a="302:admin:index",
            center_staff_a="302:admin:index",
            admin="302:admin:index",
        ),
        "POST": cell(200),
    },
    "admin:logout": {
        "GET": cell("302:admin:index", office_staff_over_a=405, center_staff_a=405, admin=405),
        "POST": cell(
            "302:admin:index",
            office_staff_over_a="302:login",
            center_staff_a="302:login",
            admin="302:login",
        ),
    },
    "admin:outbox_message_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:outbox_message_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:outbox_message_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:outbox_message_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:outbox_message_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:password_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:password_change_done": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "admin:reports_reminder_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:reports_reminder_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:reports_reminder_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:reports_reminder_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login", office_staff_over_a=403, center_staff_a=403, admin="302:admin:index"
        ),
    },
    "admin:reports_reminder_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:view_on_site": {
        "GET": cell(
            "302:admin:login",
            office_staff_over_a="302:courses:course_detail",
            center_staff_a="302:courses:course_detail",
            admin="302:courses:course_detail",
        ),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a="302:courses:course_detail",
            center_staff_a="302:courses:course_detail",
            admin="302:courses:course_detail",
        ),
    },
    "auth.group:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "autocomplete:centers.administrativeunit.parent": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:centers.appointment.center": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:centers.appointment.user": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:centers.learningcenter.predecessors": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:centers.learningcenter.unit": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:centers.office.unit": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:centers.unitsuccession.predecessor": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:centers.unitsuccession.successor": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:courses.activity.center": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:courses.campaignreport.center": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:courses.collectedperiod.office": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "autocomplete:courses.course.center": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=405, center_staff_a=405, admin=405),
    },
    "axes.accessattempt:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "axes.accessfailurelog:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "axes.accesslog:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "centers.accountaction:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "centers.administrativeunit:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "centers.administrativeunit:action:record_merge": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=200,
            center_staff_a=200,
            admin="302:admin:centers_administrativeunit_merge",
        ),
    },
    "centers.appointment:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "centers.learningcenter:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "centers.office:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "centers.unitsuccession:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "centers.user:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "courses.activity:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "courses.campaign:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "courses.campaignreport:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "courses.collectedperiod:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "courses.course:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "courses.deadlineextension:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "courses.submission:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "courses.topic:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "outbox.message:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:outbox_message_changelist",
        ),
    },
    "outbox.message:action:send_again": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:outbox_message_changelist",
        ),
    },
    "reports.reminder:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    # -- schedules (django-celery-beat) and summaries: administrators only --------
    "admin:django_celery_beat_clockedschedule_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_clockedschedule_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_clockedschedule_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_clockedschedule_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:django_celery_beat_clockedschedule_changelist",
        ),
    },
    "admin:django_celery_beat_clockedschedule_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_crontabschedule_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_crontabschedule_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_crontabschedule_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_crontabschedule_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:django_celery_beat_crontabschedule_changelist",
        ),
    },
    "admin:django_celery_beat_crontabschedule_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_intervalschedule_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_intervalschedule_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_intervalschedule_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_intervalschedule_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:django_celery_beat_intervalschedule_changelist",
        ),
    },
    "admin:django_celery_beat_intervalschedule_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_periodictask_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_periodictask_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_periodictask_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_periodictask_delete": {
        "GET": cell(
            "302:admin:login", office_staff_over_a=403, center_staff_a=403, admin="302:admin:index"
        ),
        "POST": cell(
            "302:admin:login", office_staff_over_a=403, center_staff_a=403, admin="302:admin:index"
        ),
    },
    "admin:django_celery_beat_periodictask_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_solarschedule_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_solarschedule_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_solarschedule_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:django_celery_beat_solarschedule_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:django_celery_beat_solarschedule_changelist",
        ),
    },
    "admin:django_celery_beat_solarschedule_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:reports_summary_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:reports_summary_change": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:reports_summary_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "admin:reports_summary_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login", office_staff_over_a=403, center_staff_a=403, admin="302:admin:index"
        ),
    },
    "admin:reports_summary_history": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "django_celery_beat.clockedschedule:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "django_celery_beat.crontabschedule:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "django_celery_beat.intervalschedule:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "django_celery_beat.periodictask:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "django_celery_beat.periodictask:action:disable_tasks": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:django_celery_beat_periodictask_changelist",
        ),
    },
    "django_celery_beat.periodictask:action:enable_tasks": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:django_celery_beat_periodictask_changelist",
        ),
    },
    "django_celery_beat.periodictask:action:run_tasks": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:django_celery_beat_periodictask_changelist",
        ),
    },
    "django_celery_beat.periodictask:action:toggle_tasks": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:django_celery_beat_periodictask_changelist",
        ),
    },
    "django_celery_beat.solarschedule:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "reports.summary:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "reports.summary:action:preview": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
    },
    "reports.summary:action:send_now": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=200),
        "POST": cell(
            "302:admin:login",
            office_staff_over_a=403,
            center_staff_a=403,
            admin="302:admin:reports_summary_changelist",
        ),
    },
    "admin:imports_importbatch_add": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:imports_importbatch_change": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:imports_importbatch_changelist": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "admin:imports_importbatch_delete": {
        "GET": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
        "POST": cell("302:admin:login", office_staff_over_a=403, center_staff_a=403, admin=403),
    },
    "admin:imports_importbatch_history": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
    "imports.importbatch:action:delete_selected": {
        "GET": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
        "POST": cell("302:admin:login", office_staff_over_a=200, center_staff_a=200, admin=200),
    },
}
