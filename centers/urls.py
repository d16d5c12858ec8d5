from django.urls import path

from centers import views

app_name = "centers"

urlpatterns = [
    path("centers/", views.center_list, name="center_list"),
    path("centers/<int:pk>/", views.center_detail, name="center_detail"),
]
