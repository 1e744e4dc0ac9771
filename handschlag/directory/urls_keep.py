"""/portal/: keep pages (filled by its part)."""

urlpatterns: list = []
