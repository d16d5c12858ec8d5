from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("offices/<int:office_pk>/", views.office_dashboard, name="office_dashboard"),
    path("offices/<int:office_pk>/remind/", views.office_remind, name="office_remind"),
    path("offices/<int:office_pk>/extend/", views.office_extend, name="office_extend"),
    path("offices/<int:office_pk>/export/", views.office_export, name="office_export"),
    path("reports/", views.report_form, name="report_form"),
    path(
        "centers/<int:center_pk>/reports/<str:period_key>/excel/",
        views.center_report_export,
        name="center_report_export",
    ),
    path("exports/<int:pk>/", views.export_status, name="export_status"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
