"""The center workspace's views: records (dashboard, courses, activities,
campaign report) and submissions (a period's report and its approval)."""

from courses.views.records import *  # noqa: F403
from courses.views.records import home  # noqa: F401  (config.urls routes "/" here)
from courses.views.submissions import *  # noqa: F403
