from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("offices/<int:office_pk>/", views.office_dashboard, name="office_dashboard"),
    path("offices/<int:office_pk>/remind/", views.office_remind, name="office_remind"),
    path("offices/<int:office_pk>/extend/", views.office_extend, name="office_extend"),
]
