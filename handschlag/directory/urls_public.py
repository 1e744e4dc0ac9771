"""/portal/: public pages (filled by its part)."""

urlpatterns: list = []
