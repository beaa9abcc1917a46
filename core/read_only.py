"""An admin list with no add, edit or delete views behind it (logs, handovers, schedules)."""

from wagtail.admin.views import generic


class ReadOnlyIndexView(generic.IndexView):
    """Links to views that do not exist would not resolve (a 500 for whoever may add); no export either."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # No export: ``?export=`` must not turn the list into one unpaginated page.
        self.is_export = False

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None
