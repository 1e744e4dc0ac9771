"""/portal/: data pages (filled by its part)."""

urlpatterns: list = []
