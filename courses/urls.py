from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("workspace/", views.choose_center, name="choose_center"),
    path("centers/<int:center_pk>/dashboard/", views.dashboard, name="dashboard"),
    path("centers/<int:center_pk>/courses/", views.course_list, name="course_list"),
    path("centers/<int:center_pk>/courses/add/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/delete/", views.course_delete, name="course_delete"),
    path("courses/<int:pk>/history/", views.course_history, name="course_history"),
    path("centers/<int:center_pk>/activities/", views.activity_list, name="activity_list"),
    path("centers/<int:center_pk>/activities/add/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/history/", views.activity_history, name="activity_history"),
    path(
        "centers/<int:center_pk>/campaigns/<slug:slug>/",
        views.campaign_report,
        name="campaign",
    ),
    path("centers/<int:center_pk>/reports/", views.submission_list, name="submission_list"),
    path(
        "centers/<int:center_pk>/reports/<str:period_key>/",
        views.submission_detail,
        name="submission",
    ),
]
