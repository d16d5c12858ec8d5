from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from courses import views as course_views

urlpatterns = [
    # Center staff land on their center's dashboard; everyone else on the
    # centers' home (courses.views.home falls back to it).
    path("", course_views.home, name="home"),
    path("", include("centers.urls")),
    path("", include("courses.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
