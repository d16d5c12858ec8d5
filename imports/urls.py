from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.batch_list, name="batch_list"),
    path("imports/<slug:kind>/template/", views.import_template, name="import_template"),
    path("imports/<slug:kind>/upload/", views.import_upload, name="import_upload"),
    path("imports/batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("imports/batches/<int:pk>/confirm/", views.batch_confirm, name="batch_confirm"),
    path("imports/batches/<int:pk>/undo/", views.batch_undo, name="batch_undo"),
]
