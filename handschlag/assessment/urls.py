"""/standortbestimmung/: one list per part of the app."""

from . import urls_answering, urls_plan, urls_results

app_name = "assessment"
urlpatterns = [*urls_answering.urlpatterns, *urls_results.urlpatterns, *urls_plan.urlpatterns]
