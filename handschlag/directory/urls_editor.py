"""/portal/: editor pages (filled by its part)."""

urlpatterns: list = []
