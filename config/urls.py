from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from reports import views as report_views

urlpatterns = [
    # Each user's home: center staff their center's dashboard, office staff
    # their office's dashboard, others the centers' home (reports.views.home).
    path("", report_views.home, name="home"),
    path("", include("centers.urls")),
    path("", include("courses.urls")),
    path("", include("reports.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
