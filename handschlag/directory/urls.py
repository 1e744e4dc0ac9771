"""/portal/<town>/: the newcomer portal. One list per part of the app:
public (readers), editor (offers, providers, places), guides (guides and translations),
data (HSDS export and import), keep (checks, reader reports, short links, print)."""

from . import urls_data, urls_editor, urls_guides, urls_keep, urls_public

app_name = "directory"
# The reader's pages last: their /portal/<town>/ must not shadow the others' fixed words.
urlpatterns = [
    *urls_editor.urlpatterns,
    *urls_guides.urlpatterns,
    *urls_data.urlpatterns,
    *urls_keep.urlpatterns,
    *urls_public.urlpatterns,
]
