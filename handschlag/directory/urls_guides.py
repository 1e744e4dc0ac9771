"""/portal/: guides pages (filled by its part)."""

urlpatterns: list = []
