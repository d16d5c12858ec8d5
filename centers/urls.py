from django.urls import path

from centers import views

app_name = "centers"

urlpatterns = [
    path("centers/", views.center_list, name="center_list"),
    path("centers/<int:pk>/", views.center_detail, name="center_detail"),
    path("offices/<int:office_pk>/accounts/", views.office_accounts, name="office_accounts"),
    path(
        "offices/<int:office_pk>/accounts/<int:user_pk>/password/",
        views.office_account_password,
        name="office_account_password",
    ),
    path(
        "offices/<int:office_pk>/accounts/<int:user_pk>/unlock/",
        views.office_account_unlock,
        name="office_account_unlock",
    ),
]
