"""A URLconf for the logging tests: a view that logs, and one that fails."""

import logging

from django.http import HttpResponse
from django.urls import include, path

logger = logging.getLogger("clc.test")


def logs_a_line(request):
    logger.info("inside the view")
    return HttpResponse("ok")


def fails(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("logs/", logs_a_line),
    path("fails/", fails),
    path("", include("config.urls")),
]
