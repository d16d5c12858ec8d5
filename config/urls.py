from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from centers import accounts
from reports import views as report_views

# Vietnamese error pages in the site's layout (config/errors.py).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"

# An unknown address under /admin/ is a 404 like any other, not a
# redirect to the admin's login page.
admin.site.final_catch_all_view = False

urlpatterns = [
    # Each user's home: center staff their center's dashboard, office staff
    # their office's dashboard, others the centers' home (reports.views.home).
    path("", report_views.home, name="home"),
    path("", include("centers.urls")),
    path("", include("courses.urls")),
    path("", include("reports.urls")),
    path("", include("imports.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
